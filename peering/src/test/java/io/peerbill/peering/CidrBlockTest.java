package io.peerbill.peering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CIDR arithmetic on its edges. */
class CidrBlockTest {

  private static CidrBlock b(String text) {
    return CidrBlock.parse(text);
  }

  @Test
  void parsesAndPrintsBack() {
    assertThat(b("10.0.1.0/24")).hasToString("10.0.1.0/24");
    assertThat(b(" 192.168.0.0/16 ").first()).isEqualTo(0xC0A80000L);
    assertThat(b("255.255.255.255/32").last()).isEqualTo(0xFFFFFFFFL);
  }

  @Test
  void nonAlignedBlockSuggestsTheAlignedOne() {
    assertThatThrownBy(() -> b("10.0.1.5/24"))
        .isInstanceOf(PeeringException.class)
        .hasMessage(
            "CIDR_NOT_ALIGNED (input): 10.0.1.5/24 has host bits set; did you mean 10.0.1.0/24?");
    assertThatThrownBy(() -> b("10.1.2.3/8")).hasMessageContaining("did you mean 10.0.0.0/8?");
  }

  @Test
  void malformedInputIsATypedError() {
    Map<String, ErrorCode> cases = new LinkedHashMap<>();
    cases.put("", ErrorCode.INVALID_CIDR);
    cases.put("10.0.0.0", ErrorCode.INVALID_CIDR);
    cases.put("10.0.0/8", ErrorCode.INVALID_ADDRESS);
    cases.put("10.0.0.256/32", ErrorCode.INVALID_ADDRESS);
    cases.put("a.b.c.d/8", ErrorCode.INVALID_ADDRESS);
    cases.put("1e1.0.0.0/8", ErrorCode.INVALID_ADDRESS);
    cases.put("10.0.0.0/33", ErrorCode.INVALID_CIDR);
    cases.put("10.0.0.0/-1", ErrorCode.INVALID_CIDR);
    cases.put("10.0.0.0/8/8", ErrorCode.INVALID_CIDR);
    cases.put("10.0.0.0/ 8", ErrorCode.INVALID_CIDR);
    cases.forEach(
        (bad, code) ->
            assertThatThrownBy(() -> b(bad))
                .as(bad)
                .isInstanceOfSatisfying(
                    PeeringException.class, e -> assertThat(e.code()).isEqualTo(code)));
    assertThatThrownBy(() -> b(null)).isInstanceOf(PeeringException.class);
  }

  @Test
  void slashZeroContainsAndOverlapsEverything() {
    CidrBlock all = b("0.0.0.0/0");
    assertThat(all.size()).isEqualTo(1L << 32);
    assertThat(all.contains(b("255.255.255.255/32"))).isTrue();
    assertThat(all.contains(b("0.0.0.0/0"))).isTrue();
    assertThat(all.overlaps(b("128.0.0.0/1"))).isTrue();
    assertThat(b("128.0.0.0/1").overlaps(all)).isTrue();
    assertThat(b("128.0.0.0/1").contains(all)).isFalse();
  }

  @Test
  void slashThirtyTwoIsOneAddress() {
    CidrBlock host = b("10.0.0.7/32");
    assertThat(host.size()).isEqualTo(1);
    assertThat(host.contains(Ipv4.parse("10.0.0.7"))).isTrue();
    assertThat(host.contains(Ipv4.parse("10.0.0.8"))).isFalse();
    assertThat(host.overlaps(b("10.0.0.6/32"))).isFalse();
    assertThat(b("10.0.0.0/29").contains(host)).isTrue();
    assertThat(host.contains(b("10.0.0.0/29"))).isFalse();
  }

  @Test
  void adjacentBlocksDoNotOverlap() {
    assertThat(b("10.0.0.0/24").overlaps(b("10.0.1.0/24"))).isFalse();
    assertThat(b("10.0.1.0/24").overlaps(b("10.0.0.0/24"))).isFalse();
    assertThat(b("127.255.255.255/32").overlaps(b("128.0.0.0/1"))).isFalse();
    assertThat(b("0.0.0.0/1").overlaps(b("128.0.0.0/1"))).isFalse();
  }

  @Test
  void containmentBothWays() {
    CidrBlock outer = b("10.0.0.0/16");
    CidrBlock inner = b("10.0.200.0/24");
    assertThat(outer.contains(inner)).isTrue();
    assertThat(inner.contains(outer)).isFalse();
    assertThat(outer.overlaps(inner)).isTrue();
    assertThat(inner.overlaps(outer)).isTrue();
    assertThat(outer.contains(outer)).isTrue();
  }

  @Test
  void highAddressesCompareUnsigned() {
    CidrBlock high = b("200.0.0.0/8");
    assertThat(high.contains(Ipv4.parse("200.255.255.255"))).isTrue();
    assertThat(high.contains(Ipv4.parse("201.0.0.0"))).isFalse();
    assertThat(high.first()).isLessThan(high.last());
  }

  @Test
  void severalBlocksPerVpc() {
    Vpc vpc =
        new Vpc(
            "vpc-aaaaaaaa", "1", "r", "n", java.util.List.of(b("10.0.0.0/16"), b("172.16.0.0/20")));
    Vpc other =
        new Vpc(
            "vpc-bbbbbbbb",
            "1",
            "r",
            "n",
            java.util.List.of(b("192.168.0.0/16"), b("172.16.8.0/24")));
    Vpc apart = new Vpc("vpc-cccccccc", "1", "r", "n", java.util.List.of(b("10.1.0.0/16")));
    assertThat(vpc.firstOverlapWith(other)).containsExactly(b("172.16.0.0/20"), b("172.16.8.0/24"));
    assertThat(vpc.firstOverlapWith(apart)).isNull();
    assertThat(vpc.containsBlock(b("172.16.15.0/24"))).isTrue();
    assertThat(vpc.containsBlock(b("172.16.16.0/24"))).isFalse();
    assertThat(vpc.containsAddress(Ipv4.parse("10.0.255.255"))).isTrue();
  }
}
