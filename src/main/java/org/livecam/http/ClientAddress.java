package org.livecam.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address of the client behind a connection: the peer's own, unless the peer is a reverse
 * proxy inside one of the trusted CIDRs ({@code --trust-proxy}), in which case
 * {@code X-Forwarded-For} names it. That header is read from the right (the hop nearest us)
 * and trusted proxies are skipped, so the first untrusted address is the client; anything
 * further left was written by the client itself and could be anything. An untrusted peer's
 * header is ignored: anyone can send one. Only literal addresses are parsed, never a name (no
 * DNS lookup on a header's value). Thread-safe.
 */
public final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern IPV6_BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::\\d{1,5})?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Cidr> trusted;

    private ClientAddress(List<Cidr> trusted) {
        this.trusted = trusted;
    }

    /** Trusting these CIDRs (or single addresses); IllegalArgumentException, with a message for people, for a bad one. */
    public static ClientAddress trusting(List<String> cidrs) {
        List<Cidr> parsed = new ArrayList<>();
        for (String cidr : cidrs) {
            parsed.add(Cidr.parse(cidr));
        }
        return new ClientAddress(List.copyOf(parsed));
    }

    public String of(HttpServerRequest request) {
        return of(request.remoteAddress(), request.headers());
    }

    public String of(ServerWebSocket socket) {
        return of(socket.remoteAddress(), socket.headers());
    }

    private String of(SocketAddress peer, MultiMap headers) {
        String host = peer == null ? null : peer.hostAddress();
        return resolve(host == null ? String.valueOf(peer) : host, headers.getAll("X-Forwarded-For"));
    }

    /** The client's address, given the peer's and every X-Forwarded-For header in the order received. */
    String resolve(String peer, List<String> forwardedFor) {
        InetAddress hop = literal(peer);
        if (hop == null || !isTrusted(hop) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> entries = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String entry : header.split(",")) {
                entries.add(entry.strip());
            }
        }
        String client = peer;
        for (int i = entries.size() - 1; i >= 0; i--) {
            InetAddress address = literal(entries.get(i));
            if (address == null) {
                return client; // garbage from further left: the last hop we could read is all we know
            }
            client = address.getHostAddress();
            if (!isTrusted(address)) {
                return client;
            }
        }
        return client; // every hop is a trusted proxy: the leftmost is as far as we can see
    }

    private boolean isTrusted(InetAddress address) {
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** A literal IPv4 or IPv6 address (a port or brackets allowed, as some proxies write them), or null; never a lookup. */
    static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        var withPort = IPV4_WITH_PORT.matcher(s);
        if (withPort.matches()) {
            s = withPort.group(1);
        }
        var bracketed = IPV6_BRACKETED.matcher(s);
        if (bracketed.matches()) {
            s = bracketed.group(1);
        }
        try {
            if (IPV4.matcher(s).matches()) {
                byte[] bytes = new byte[4];
                String[] octets = s.split("\\.");
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(octets[i]);
                    if (octet > 255) {
                        return null;
                    }
                    bytes[i] = (byte) octet;
                }
                return InetAddress.getByAddress(bytes);
            }
            // With a ':' the JDK reads an IPv6 literal or fails; it never looks such a name up.
            return IPV6.matcher(s).matches() ? InetAddress.getByName(s) : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address block: {@code 10.0.0.0/8}, {@code fd00::/8}, or one address ({@code 127.0.0.1}, {@code ::1}). */
    record Cidr(byte[] network, int prefixBits) {
        static Cidr parse(String text) {
            String s = text == null ? "" : text.strip();
            int slash = s.indexOf('/');
            InetAddress address = literal(slash < 0 ? s : s.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("--trust-proxy '" + text + "' is not an address or a CIDR such as 10.0.0.0/8 or fd00::/8");
            }
            int max = address.getAddress().length * 8;
            int bits = max;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(s.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > max) {
                    throw new IllegalArgumentException("--trust-proxy '" + text + "': the prefix length must be 0 to " + max);
                }
            }
            return new Cidr(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false; // IPv4-mapped IPv6 addresses arrive as IPv4 already (InetAddress does that)
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }
}
