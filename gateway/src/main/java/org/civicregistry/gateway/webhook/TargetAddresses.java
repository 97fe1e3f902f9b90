package org.civicregistry.gateway.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.civicregistry.gateway.GatewayConfig;

/**
 * Where a webhook receiver may be: only publicly routable unicast addresses, so the gateway cannot
 * be made to reach this machine, the cluster, the cloud's metadata service or any other internal
 * network. Checked when a receiver is registered and again right before every delivery, on the
 * addresses the name resolves to then (DNS may have changed since: rebinding), and the delivery
 * connects to the address that was checked, never resolving the name a second time.
 * <p>
 * Every address the name resolves to must pass: a name that mixes a public and an internal address
 * is refused, since which one a client picks is not ours to rely on.
 */
@ApplicationScoped
public class TargetAddresses {

    /** Why a target was refused; the text is safe to show to the receiver's owner. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** IPv4 ranges that are not public unicast (RFC 6890 and friends). */
    private static final List<Cidr> IPV4_REFUSED = List.of(
            Cidr.of("0.0.0.0/8"), // "this network"
            Cidr.of("10.0.0.0/8"), // private
            Cidr.of("100.64.0.0/10"), // carrier-grade NAT, often a cluster's pod or node network
            Cidr.of("127.0.0.0/8"), // loopback
            Cidr.of("169.254.0.0/16"), // link-local, the cloud metadata service
            Cidr.of("172.16.0.0/12"), // private
            Cidr.of("192.0.0.0/24"), // IETF protocol assignments
            Cidr.of("192.0.2.0/24"), // documentation
            Cidr.of("192.88.99.0/24"), // 6to4 relay anycast
            Cidr.of("192.168.0.0/16"), // private
            Cidr.of("198.18.0.0/15"), // benchmarking
            Cidr.of("198.51.100.0/24"), // documentation
            Cidr.of("203.0.113.0/24"), // documentation
            Cidr.of("224.0.0.0/4"), // multicast
            Cidr.of("240.0.0.0/4")); // reserved, and the broadcast address

    /** IPv6 ranges refused inside the global unicast 2000::/3 (anything outside it is refused anyway). */
    private static final List<Cidr> IPV6_GLOBAL_REFUSED = List.of(
            Cidr.of("2001::/23"), // IETF protocol assignments: Teredo, benchmarking, ORCHID
            Cidr.of("2001:db8::/32"), // documentation
            Cidr.of("2002::/16"), // 6to4: embeds an IPv4 address that may be internal
            Cidr.of("3fff::/20")); // documentation

    /** NAT64 prefixes (well-known and local-use): the embedded IPv4 address is reached through a translator. */
    private static final List<Cidr> NAT64 = List.of(Cidr.of("64:ff9b::/96"), Cidr.of("64:ff9b:1::/48"));

    private final Resolver resolver;
    private final boolean allowPrivate;

    public TargetAddresses(Resolver resolver, GatewayConfig config) {
        this.resolver = resolver;
        this.allowPrivate = config.webhooks().allowPrivateTargets();
    }

    /**
     * The address to connect to for {@code host}: its first resolved address, once every resolved
     * address passed (with {@code allow-private-targets}, development and tests only, any address does).
     *
     * @throws Refused when the host does not resolve or an address it resolves to is not allowed
     */
    public InetAddress vet(String host) throws Refused {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Refused("host does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new Refused("host does not resolve");
        }
        if (!allowPrivate && !addresses.stream().allMatch(TargetAddresses::isPublic)) {
            throw new Refused("target address not allowed");
        }
        return addresses.get(0);
    }

    /** Publicly routable unicast: the only kind a webhook may be delivered to. */
    static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return IPV4_REFUSED.stream().noneMatch(c -> c.contains(bytes));
        }
        if (address instanceof Inet6Address) {
            if (isIpv4Mapped(bytes)) {
                // ::ffff:a.b.c.d is a.b.c.d to the socket: judge the IPv4 address it carries
                byte[] v4 = new byte[4];
                System.arraycopy(bytes, 12, v4, 0, 4);
                return IPV4_REFUSED.stream().noneMatch(c -> c.contains(v4));
            }
            boolean globalUnicast = (bytes[0] & 0xe0) == 0x20; // 2000::/3
            return globalUnicast && IPV6_GLOBAL_REFUSED.stream().noneMatch(c -> c.contains(bytes))
                    && NAT64.stream().noneMatch(c -> c.contains(bytes));
        }
        return false;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }

    /** An address range: a network's leading bits. */
    private record Cidr(byte[] network, int bits) {

        static Cidr of(String text) {
            int slash = text.indexOf('/');
            try {
                // literals only: no name is resolved here
                return new Cidr(InetAddress.getByName(text.substring(0, slash)).getAddress(), Integer.parseInt(text.substring(slash + 1)));
            } catch (UnknownHostException impossible) {
                throw new IllegalArgumentException(text, impossible);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
