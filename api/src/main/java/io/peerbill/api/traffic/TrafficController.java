package io.peerbill.api.traffic;

import io.peerbill.api.error.ApiException;
import io.peerbill.api.security.ApiPrincipal;
import io.peerbill.peering.ActiveInterval;
import io.peerbill.peering.Peering;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Usage of a connection the account is an end of: D10 metrics per bucket, and the coverage. */
@RestController
public class TrafficController {

  /** At most a week of minutes or five weeks of 5-minute buckets per request. */
  static final int MAX_BUCKETS = 10_080;

  private final Peering peering;
  private final TrafficReader reader;
  private final ConnectionEnds ends;
  private final TrafficAnswers answers;

  public TrafficController(Peering peering, TrafficReader reader, TrafficAnswers answers) {
    this.peering = peering;
    this.reader = reader;
    this.ends = new ConnectionEnds(peering);
    this.answers = answers;
  }

  public record Traffic(
      String connectionId,
      Instant from,
      Instant to,
      int periodSeconds,
      Coverage coverage,
      List<TrafficBucket> buckets) {}

  /** Answers the JSON of a {@link Traffic} (as {@link TrafficAnswers} keeps it). */
  @GetMapping(
      value = "/v1/peering-connections/{connectionId}/traffic",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @ApiResponse(
      responseCode = "200",
      description = "OK",
      content = @Content(schema = @Schema(implementation = Traffic.class)))
  public byte[] traffic(
      @AuthenticationPrincipal ApiPrincipal me,
      @PathVariable String connectionId,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
      @RequestParam(defaultValue = "300s") String period) {
    TrafficPeriod p = TrafficPeriod.parse(period);
    Instant start = from.toInstant();
    Instant end = to.toInstant();
    if (start.getEpochSecond() % p.seconds() != 0
        || end.getEpochSecond() % p.seconds() != 0
        || start.getNano() != 0
        || end.getNano() != 0) {
      throw ApiException.invalid("from and to must fall on " + period + " bucket boundaries");
    }
    if (!start.isBefore(end)) {
      throw ApiException.invalid("the range [from, to) is empty");
    }
    if (Duration.between(start, end).getSeconds() / p.seconds() > MAX_BUCKETS) {
      throw ApiException.invalid("at most " + MAX_BUCKETS + " buckets per request");
    }
    ends.require(me.actor(), connectionId);
    return answers.get(
        new TrafficAnswers.Query(connectionId, start, end, p),
        () -> read(connectionId, start, end, p));
  }

  private Traffic read(String connectionId, Instant start, Instant end, TrafficPeriod p) {
    List<ActiveInterval> active = peering.activeIntervals().of(connectionId, start, end);
    List<TrafficBucket> buckets = reader.buckets(connectionId, start, end, p);
    if (p == TrafficPeriod.ONE_MINUTE
        && buckets.isEmpty()
        && !reader.buckets(connectionId, start, end, TrafficPeriod.FIVE_MINUTES).isEmpty()) {
      // Not "no traffic": the stream keeps minutes in PostgreSQL only with --minute-buckets.
      throw new ApiException(
          HttpStatus.CONFLICT,
          "MINUTES_NOT_KEPT",
          "D10",
          "1-minute buckets are not kept in PostgreSQL (the stream runs without"
              + " --minute-buckets); period=300s has the billing-grade buckets and the series"
              + " store has every minute");
    }
    Coverage coverage =
        Coverage.of(active, buckets.stream().map(TrafficBucket::bucketStart).toList(), p.seconds());
    return new Traffic(connectionId, start, end, p.seconds(), coverage, buckets);
  }
}
