package no.katapult.events.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where the hub may send webhooks: https only, to public addresses only, so that a subscription cannot
 * make the hub call into its own network (SSRF). Every address a host resolves to must be public; the check
 * runs at subscription and again before each delivery, which then connects to the very address checked (DNS
 * rebinding). Redirects are never followed. With allow-loopback (CATAPULT_WEBHOOK_ALLOW_LOOPBACK, the local
 * demo) {@code http://127.0.0.1:*} and {@code http://localhost:*} are allowed as well.
 */
public final class WebhookUrls {

    public static final int MAX_LENGTH = 2000;

    /** Host name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A URL that may be called, and the addresses it resolved to (all allowed). */
    public record Target(URI uri, boolean https, String host, int port, List<InetAddress> addresses) {
        /** Path and query as sent in the request line. */
        public String pathAndQuery() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    /** A URL the rules refuse, with the reason in words. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean allowLoopback;
    private final Resolver resolver;

    public WebhookUrls(boolean allowLoopback, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    /** Parses, resolves and checks a URL. */
    public Target check(String url) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("is required");
        }
        if (url.length() > MAX_LENGTH) {
            throw new Refused("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new Refused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new Refused("must be an https URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new Refused("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry credentials; the signature authenticates the hub");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not have a fragment");
        }
        host = host.toLowerCase(Locale.ROOT);
        boolean loopbackHost = host.equals("localhost") || host.equals("127.0.0.1");
        boolean https = scheme.equals("https");
        if (!https && !(allowLoopback && loopbackHost)) {
            throw new Refused(allowLoopback ? "must be an https URL (or http to 127.0.0.1 or localhost)"
                    : "must be an https URL");
        }
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        String lookup = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(lookup);
        } catch (UnknownHostException e) {
            throw new Refused("names a host that cannot be resolved");
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused("names a host that cannot be resolved");
        }
        for (InetAddress address : addresses) {
            boolean allowed = allowLoopback && loopbackHost ? address.isLoopbackAddress() : isPublic(address);
            if (!allowed) {
                throw new Refused("must reach a public address; " + host + " resolves to "
                        + address.getHostAddress() + ", which is " + (address.isLoopbackAddress() ? "loopback"
                        : "private, link-local, multicast or reserved"));
            }
        }
        return new Target(uri, https, host, port, List.of(addresses));
    }

    /** Whether an address is reachable on the public internet: not loopback, private, link-local, multicast or reserved. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false; // 2001:db8::/32 documentation
            }
            if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0) {
                return false; // 2001::/32 Teredo: an obfuscated IPv4 address inside
            }
            if (first == 0x20 && second == 0x02) {
                return isPublicV4(b[2] & 0xff, b[3] & 0xff, b[4] & 0xff); // 2002::/16 6to4
            }
            if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return isPublicV4(b[12] & 0xff, b[13] & 0xff, b[14] & 0xff); // 64:ff9b::/96 NAT64
            }
            boolean zeroPrefix = true;
            for (int i = 0; i < 12; i++) {
                zeroPrefix &= b[i] == 0;
            }
            // ::a.b.c.d (IPv4-compatible) and anything else in ::/96; IPv4-mapped ones arrive as Inet4Address.
            return !zeroPrefix;
        }
        return false;
    }

    private static boolean isPublicV4(int a, int b, int c) {
        return !(a == 0 // 0/8 "this network"
                || a == 10 || a == 127
                || (a == 100 && (b & 0xc0) == 64) // 100.64/10 carrier-grade NAT
                || (a == 169 && b == 254)
                || (a == 172 && (b & 0xf0) == 16)
                || (a == 192 && b == 168)
                || (a == 192 && b == 0 && (c == 0 || c == 2)) // IETF protocol assignments, TEST-NET-1
                || (a == 198 && (b == 18 || b == 19)) // benchmarking
                || (a == 198 && b == 51 && c == 100) // TEST-NET-2
                || (a == 203 && b == 0 && c == 113) // TEST-NET-3
                || a >= 224); // multicast, reserved, broadcast
    }
}
