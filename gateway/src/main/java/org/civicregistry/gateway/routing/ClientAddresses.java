package org.civicregistry.gateway.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.netty.util.NetUtil;

/**
 * The address a client is limited by. A forwarded address ({@code Forwarded: for=...}, else
 * {@code X-Forwarded-For}) counts only when the connection comes from a trusted proxy: the chain is
 * read from the right, past every trusted proxy, to the first hop none of them is. Anyone else's
 * forwarded headers are ignored, as anyone can write them. IPv6 clients are told apart by their
 * /64, since one subscriber is usually given a whole /64 and could otherwise change address at will.
 */
public final class ClientAddresses {

    /** An address a trusted proxy hid (RFC 7239 obfuscated identifiers, "unknown"): still its word for who the client is. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final List<Cidr> trusted;

    /** @param trustedProxies CIDRs (or single addresses) of the proxies allowed to name the client */
    public ClientAddresses(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
    }

    /**
     * @param peer the connection's remote address
     * @param forwarded the {@code Forwarded} header values, in order
     * @param xForwardedFor the {@code X-Forwarded-For} header values, in order
     */
    public String of(String peer, List<String> forwarded, List<String> xForwardedFor) {
        byte[] peerBytes = literal(peer);
        if (peerBytes == null || !isTrusted(peerBytes)) {
            return peerBytes == null ? peer : normalized(peerBytes);
        }
        List<String> chain = forwarded.isEmpty() ? xForwardedFor(xForwardedFor) : forwardedFor(forwarded);
        String vouchedFor = normalized(peerBytes);
        for (int i = chain.size() - 1; i >= 0; i--) {
            String hop = unquoted(chain.get(i));
            byte[] bytes = literal(node(hop));
            if (bytes == null) {
                // junk: the nearest trusted proxy is the last one whose word we can use
                return TOKEN.matcher(hop).matches() ? hop : vouchedFor;
            }
            vouchedFor = normalized(bytes);
            if (!isTrusted(bytes)) {
                return vouchedFor;
            }
        }
        return vouchedFor;
    }

    private boolean isTrusted(byte[] address) {
        return trusted.stream().anyMatch(cidr -> cidr.contains(address));
    }

    private static List<String> xForwardedFor(List<String> values) {
        List<String> hops = new ArrayList<>();
        values.forEach(value -> Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(hops::add));
        return hops;
    }

    private static List<String> forwardedFor(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String element : value.split(",")) {
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("for")) {
                        hops.add(pair.substring(eq + 1).strip());
                    }
                }
            }
        }
        return hops;
    }

    private static String unquoted(String hop) {
        return hop.length() >= 2 && hop.startsWith("\"") && hop.endsWith("\"") ? hop.substring(1, hop.length() - 1) : hop;
    }

    /** The address of a hop without brackets or port: {@code [2001:db8::1]:4711} is {@code 2001:db8::1}. */
    private static String node(String node) {
        if (node.startsWith("[")) {
            int end = node.indexOf(']');
            return end > 0 ? node.substring(1, end) : node;
        }
        int colon = node.indexOf(':');
        return colon > 0 && colon == node.lastIndexOf(':') ? node.substring(0, colon) : node;
    }

    /** The address's bytes if it is an IP literal (never a DNS lookup), else null. */
    private static byte[] literal(String address) {
        if (address == null) {
            return null;
        }
        int zone = address.indexOf('%');
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(zone > 0 ? address.substring(0, zone) : address);
        if (bytes != null && bytes.length == 16 && isV4Mapped(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    private static boolean isV4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static String normalized(byte[] address) {
        if (address.length == 4) {
            return NetUtil.bytesToIpAddress(address);
        }
        byte[] prefix = Arrays.copyOf(address, 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        return NetUtil.bytesToIpAddress(prefix) + "/64";
    }

    private record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            byte[] network = literal(slash < 0 ? text : text.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("civic.gateway.clients.trusted-proxies: '" + text + "' is not an address or CIDR");
            }
            int bits;
            try {
                bits = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("civic.gateway.clients.trusted-proxies: '" + text + "' has no valid prefix length");
            }
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("civic.gateway.clients.trusted-proxies: '" + text + "' has no valid prefix length");
            }
            return new Cidr(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
