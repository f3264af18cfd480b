package io.peerbill.alerting;

import io.peerbill.db.DatabaseConfig;
import java.io.Serializable;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where webhooks may go: not to loopback, link-local (cloud metadata at 169.254.169.254 among
 * them), private, carrier-grade NAT, unique-local, multicast or wildcard addresses, judged by every
 * address the host resolves to (IPv4 and IPv6), so a name cannot smuggle an internal target in —
 * unless the allow-list ({@value #ENV_ALLOWED}, or {@code webhook.allowed-hosts} in the config
 * file: comma-separated hosts as the URL writes them) names the host. Checked when a policy is
 * saved and again before each attempt, since a name can resolve differently later.
 */
public final class WebhookTargetGuard implements Serializable {

  public static final String ENV_ALLOWED = "PEERBILL_WEBHOOK_ALLOWED_HOSTS";

  /** The error code of a refused target (CLI and API). */
  public static final String FORBIDDEN = "WEBHOOK_TARGET_FORBIDDEN";

  private final Set<String> allowed;

  private WebhookTargetGuard(Collection<String> allowed) {
    this.allowed = new TreeSet<>();
    allowed.stream()
        .map(WebhookTargetGuard::normalize)
        .filter(h -> !h.isEmpty())
        .forEach(this.allowed::add);
  }

  public static WebhookTargetGuard fromEnvironment() {
    return allowing(
        Arrays.asList(
            DatabaseConfig.setting(ENV_ALLOWED, "webhook.allowed-hosts").orElse("").split(",")));
  }

  public static WebhookTargetGuard allowing(Collection<String> hosts) {
    return new WebhookTargetGuard(hosts);
  }

  /** This guard with {@code host} allowed as well (e.g. the demo's loopback receiver). */
  public WebhookTargetGuard alsoAllowing(String host) {
    Set<String> more = new TreeSet<>(allowed);
    more.add(host);
    return new WebhookTargetGuard(more);
  }

  /**
   * @throws InvalidAlertPolicyException with code {@value #FORBIDDEN} when the URL's host is not
   *     allowed and resolves to a forbidden address; a host that does not resolve passes (nothing
   *     can be sent to it, and the check runs again before each attempt)
   */
  public void check(URI url) {
    String host = normalize(url.getHost() == null ? "" : url.getHost());
    if (host.isEmpty() || allowed.contains(host)) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return;
    }
    for (InetAddress address : addresses) {
      String kind = forbiddenKind(address);
      if (kind != null) {
        throw new InvalidAlertPolicyException(
            FORBIDDEN,
            "webhook URL host '"
                + host
                + "' is "
                + address.getHostAddress()
                + ", a "
                + kind
                + " address; only an allow-listed host ("
                + ENV_ALLOWED
                + ") may be one");
      }
    }
  }

  /** Why an address is no webhook target, or null when it may be one. */
  static String forbiddenKind(InetAddress a) {
    byte[] b = a.getAddress();
    if (a.isAnyLocalAddress()) {
      return "wildcard";
    }
    if (a.isLoopbackAddress()) {
      return "loopback";
    }
    if (a instanceof Inet4Address && (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254) {
      return (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254 ? "cloud metadata" : "link-local";
    }
    if (a.isLinkLocalAddress()) {
      return "link-local";
    }
    if (a.isSiteLocalAddress()) {
      return "private";
    }
    if (a.isMulticastAddress()) {
      return "multicast";
    }
    if (a instanceof Inet4Address
        && ((b[0] & 0xff) == 0 || ((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64))) {
      return (b[0] & 0xff) == 0 ? "this-network" : "carrier-grade NAT";
    }
    if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
      return "unique-local (private)";
    }
    return null;
  }

  private static String normalize(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }
}
