package io.peerbill.metering.validate;

import java.util.Map;

/** Every known peering connection by id, as loaded at one instant. */
public record ConnectionCatalog(Map<String, ConnectionInfo> connections, long loadedAt) {

  public ConnectionInfo find(String connectionId) {
    return connections.get(connectionId);
  }

  public int size() {
    return connections.size();
  }
}
