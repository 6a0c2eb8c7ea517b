package org.livecam.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Who the client is, when X-Forwarded-For is believed and when it is not. */
class ClientAddressTest {
    private final ClientAddress loopbackProxy = ClientAddress.trusting(List.of("127.0.0.1/32", "::1"));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddress none = ClientAddress.trusting(List.of());
        assertThat(none.resolve("127.0.0.1", List.of("203.0.113.7"))).isEqualTo("127.0.0.1");
    }

    @Test
    void aTrustedProxyNamesTheClient() {
        assertThat(loopbackProxy.resolve("127.0.0.1", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(loopbackProxy.resolve("0:0:0:0:0:0:0:1", List.of("2001:db8::42"))).isEqualTo("2001:db8:0:0:0:0:0:42");
        assertThat(loopbackProxy.resolve("127.0.0.1", List.of())).as("no header: the proxy itself").isEqualTo("127.0.0.1");
    }

    @Test
    void anUntrustedPeerCannotSpoofItsAddress() {
        assertThat(loopbackProxy.resolve("198.51.100.9", List.of("10.0.0.1"))).isEqualTo("198.51.100.9");
        assertThat(loopbackProxy.resolve("2001:db8::9", List.of("127.0.0.1"))).isEqualTo("2001:db8::9");
    }

    @Test
    void whatTheClientWroteLeftOfTheLastUntrustedHopIsIgnored() {
        // The client sent "X-Forwarded-For: 1.2.3.4"; nginx appended the address it saw.
        assertThat(loopbackProxy.resolve("127.0.0.1", List.of("1.2.3.4, 203.0.113.7"))).isEqualTo("203.0.113.7");
        // Two headers count as one list, in order.
        assertThat(loopbackProxy.resolve("127.0.0.1", List.of("1.2.3.4", "203.0.113.7"))).isEqualTo("203.0.113.7");
    }

    @Test
    void chainsOfTrustedProxiesAreWalkedFromTheRight() {
        ClientAddress chain = ClientAddress.trusting(List.of("10.0.0.0/8", "127.0.0.1"));
        assertThat(chain.resolve("127.0.0.1", List.of("203.0.113.7, 10.1.2.3, 10.200.0.1"))).isEqualTo("203.0.113.7");
        assertThat(chain.resolve("127.0.0.1", List.of("10.1.2.3"))).as("all trusted: the leftmost").isEqualTo("10.1.2.3");
    }

    @Test
    void garbageInTheHeaderStopsAtTheLastReadableHop() {
        assertThat(loopbackProxy.resolve("127.0.0.1", List.of("evil.example, 203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(loopbackProxy.resolve("127.0.0.1", List.of("unknown"))).isEqualTo("127.0.0.1");
        assertThat(loopbackProxy.resolve("127.0.0.1", List.of("999.1.1.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void portsAndBracketsAreRead() {
        assertThat(loopbackProxy.resolve("127.0.0.1", List.of("203.0.113.7:5555"))).isEqualTo("203.0.113.7");
        assertThat(loopbackProxy.resolve("127.0.0.1", List.of("[2001:db8::1]:443"))).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void cidrsMatchByPrefixInTheirOwnFamily() {
        ClientAddress v4 = ClientAddress.trusting(List.of("192.168.0.0/23"));
        assertThat(v4.resolve("192.168.1.255", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(v4.resolve("192.168.2.1", List.of("203.0.113.7"))).isEqualTo("192.168.2.1");
        ClientAddress v6 = ClientAddress.trusting(List.of("fd00::/8"));
        assertThat(v6.resolve("fd12:3456::1", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(v6.resolve("fe80::1", List.of("203.0.113.7"))).isEqualTo("fe80::1");
        assertThat(v6.resolve("10.0.0.1", List.of("203.0.113.7"))).as("an IPv4 peer is never in an IPv6 block").isEqualTo("10.0.0.1");
        ClientAddress mapped = ClientAddress.trusting(List.of("127.0.0.0/8"));
        assertThat(mapped.resolve("::ffff:127.0.0.1", List.of("203.0.113.7"))).as("IPv4-mapped IPv6").isEqualTo("203.0.113.7");
        assertThat(ClientAddress.trusting(List.of("0.0.0.0/0")).resolve("8.8.8.8", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
    }

    @Test
    void aBadCidrIsRefusedWithAMessage() {
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("localhost"))).hasMessageContaining("--trust-proxy 'localhost'");
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("10.0.0.0/33"))).hasMessageContaining("0 to 32");
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("::/129"))).hasMessageContaining("0 to 128");
        assertThatThrownBy(() -> HttpConfig.defaults("t").withTrustProxy(List.of("10.0.0.0/x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
