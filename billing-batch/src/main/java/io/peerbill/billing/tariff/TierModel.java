package io.peerbill.billing.tariff;

/** How a tariff's tiers price a peak (D7). */
public enum TierModel {
  /** The whole peak at the unit price of the tier it falls in. */
  VOLUME,
  /** Each tier's slice of the peak at that tier's own unit price. */
  GRADUATED
}
