package io.peerbill.peering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerbill.testkit.PostgresExtension;
import io.peerbill.testkit.TestDatabase;
import java.util.List;
import java.util.Random;
import org.jooq.Record4;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our CIDR arithmetic agrees with PostgreSQL's own {@code cidr} operators ({@code &&} overlap,
 * {@code >>=} containment) over thousands of random pairs, half of them built to nest or touch.
 */
@ExtendWith(PostgresExtension.class)
class CidrBlockPropertyTest {

  private static final int PAIRS = 20_000;

  @Test
  void overlapAndContainmentAgreeWithPostgresql(TestDatabase db) {
    Random random = new Random(20261126L);
    CidrBlock[] left = new CidrBlock[PAIRS];
    CidrBlock[] right = new CidrBlock[PAIRS];
    int[] address = new int[PAIRS];
    for (int i = 0; i < PAIRS; i++) {
      left[i] = randomBlock(random, random.nextInt());
      // Half the partners start near the left block, so nesting and adjacency are common.
      int near = left[i].network() + (random.nextBoolean() ? 0 : (int) left[i].size());
      right[i] = randomBlock(random, random.nextBoolean() ? near : random.nextInt());
      address[i] =
          random.nextBoolean() ? left[i].network() + random.nextInt(3) - 1 : random.nextInt();
    }
    String[] l = new String[PAIRS];
    String[] r = new String[PAIRS];
    String[] a = new String[PAIRS];
    for (int i = 0; i < PAIRS; i++) {
      l[i] = left[i].toString();
      r[i] = right[i].toString();
      a[i] = Ipv4.format(address[i]);
    }
    Result<Record4<Long, Boolean, Boolean, Boolean>> reference =
        db.dsl()
            .resultQuery(
                "SELECT n, l::cidr && r::cidr, l::cidr >>= r::cidr, l::cidr >>= a::inet"
                    + " FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS t(l, r, a, n)"
                    + " ORDER BY n",
                l,
                r,
                a)
            .coerce(
                DSL.field("n", SQLDataType.BIGINT),
                DSL.field("o", SQLDataType.BOOLEAN),
                DSL.field("c", SQLDataType.BOOLEAN),
                DSL.field("h", SQLDataType.BOOLEAN))
            .fetch();
    assertThat(reference).hasSize(PAIRS);
    int overlapping = 0;
    int nested = 0;
    for (int i = 0; i < PAIRS; i++) {
      Record4<Long, Boolean, Boolean, Boolean> row = reference.get(i);
      String pair = l[i] + " vs " + r[i] + " / " + a[i];
      assertThat(left[i].overlaps(right[i])).as(pair).isEqualTo(row.value2());
      assertThat(right[i].overlaps(left[i])).as(pair).isEqualTo(row.value2());
      assertThat(left[i].contains(right[i])).as(pair).isEqualTo(row.value3());
      assertThat(left[i].contains(address[i])).as(pair).isEqualTo(row.value4());
      overlapping += row.value2() ? 1 : 0;
      nested += row.value3() ? 1 : 0;
    }
    // The generator must exercise both answers, or agreement would prove little.
    assertThat(overlapping).isBetween(PAIRS / 10, PAIRS - PAIRS / 10);
    assertThat(nested).isGreaterThan(PAIRS / 20);
  }

  @Test
  void parsingAgreesWithPostgresqlOnAlignment(TestDatabase db) {
    Random random = new Random(7L);
    String[] texts = new String[5_000];
    for (int i = 0; i < texts.length; i++) {
      int prefix = random.nextInt(33);
      int address = random.nextInt();
      // Every third one aligned on purpose, so both outcomes are common.
      texts[i] =
          Ipv4.format(i % 3 == 0 ? address & CidrBlock.mask(prefix) : address) + "/" + prefix;
    }
    List<String> aligned =
        db.dsl()
            .fetch(
                "SELECT network(t::inet)::text FROM unnest(?::text[]) WITH ORDINALITY AS u(t, n)"
                    + " ORDER BY n",
                (Object) texts)
            .getValues(0, String.class);
    int refused = 0;
    for (int i = 0; i < texts.length; i++) {
      String text = texts[i];
      if (aligned.get(i).equals(text)) {
        assertThat(CidrBlock.parse(text).toString()).isEqualTo(text);
      } else {
        refused++;
        assertThatThrownBy(() -> CidrBlock.parse(text))
            .as(text)
            .hasMessageEndingWith("did you mean " + aligned.get(i) + "?");
      }
    }
    assertThat(refused).isBetween(texts.length / 3, texts.length * 3 / 4);
  }

  private static CidrBlock randomBlock(Random random, int address) {
    int prefix = random.nextInt(33);
    return new CidrBlock(address & CidrBlock.mask(prefix), prefix);
  }
}
