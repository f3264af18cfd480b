package io.peerbill.peering;

/** A region and the geo zone the price catalog classifies it by (D7). */
public record Region(String code, String name, String geoZone) {}
