package io.peerbill.metering.alert;

import io.peerbill.alerting.AlertState;
import java.io.Serializable;

/**
 * The state of one (policy, connection) alert in the job, with the statistic period it was built
 * on: a policy moved to another period starts afresh.
 */
public record TrackedAlert(int periodSeconds, AlertState state) implements Serializable {}
