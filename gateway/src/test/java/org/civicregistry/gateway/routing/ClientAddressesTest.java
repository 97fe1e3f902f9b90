package org.civicregistry.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** How the client's address is read from a connection and the forwarded headers. */
class ClientAddressesTest {

    final ClientAddresses behindProxies = new ClientAddresses(List.of("10.0.0.0/8", "2001:db8:ffff::/48"));

    @Test
    void withoutTrustedProxiesForwardedHeadersAreIgnored() {
        ClientAddresses none = new ClientAddresses(List.of());
        assertThat(none.of("10.1.2.3", List.of("for=198.51.100.7"), List.of("198.51.100.7"))).isEqualTo("10.1.2.3");
    }

    @Test
    void theChainIsReadFromTheRightPastEveryTrustedProxy() {
        assertThat(behindProxies.of("10.0.0.1", List.of(), List.of("203.0.113.9, 198.51.100.7, 10.0.0.2"))).isEqualTo("198.51.100.7");
        assertThat(behindProxies.of("10.0.0.1", List.of(), List.of("203.0.113.9", "198.51.100.7:5555"))).isEqualTo("198.51.100.7");
        // all hops are proxies of ours: the first is the client
        assertThat(behindProxies.of("10.0.0.1", List.of(), List.of("10.9.9.9, 10.0.0.2"))).isEqualTo("10.9.9.9");
        assertThat(behindProxies.of("10.0.0.1", List.of(), List.of())).isEqualTo("10.0.0.1");
    }

    @Test
    void forwardedIsPreferredAndItsQuotedBracketedNodesRead() {
        assertThat(behindProxies.of("10.0.0.1", List.of("for=\"[2001:db8:1:2::17]:4711\";proto=https, for=10.0.0.2"), List.of("192.0.2.1")))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(behindProxies.of("10.0.0.1", List.of("For=_hidden"), List.of())).isEqualTo("_hidden");
    }

    @Test
    void ipv6ClientsAreToldApartByTheirSlash64() {
        ClientAddresses none = new ClientAddresses(List.of());
        assertThat(none.of("2001:db8:1:2:aaaa::1", List.of(), List.of())).isEqualTo(none.of("2001:db8:1:2:bbbb::9", List.of(), List.of()));
        assertThat(none.of("::ffff:192.0.2.1", List.of(), List.of())).isEqualTo("192.0.2.1");
    }

    @Test
    void junkFromATrustedProxyLeavesTheProxyAsTheClient() {
        assertThat(behindProxies.of("10.0.0.1", List.of(), List.of("\r\nSet-Cookie: x=1"))).isEqualTo("10.0.0.1");
    }

    @Test
    void aTrustedProxyThatIsNoAddressFailsTheStart() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.internal"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
    }
}
