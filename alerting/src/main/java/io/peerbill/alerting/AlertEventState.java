package io.peerbill.alerting;

/** The notices an alert gives: it started, it is still on, it is over. */
public enum AlertEventState {
  FIRING,
  REPEAT,
  RESOLVED
}
