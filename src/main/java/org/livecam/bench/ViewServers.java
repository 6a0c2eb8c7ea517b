package org.livecam.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the load viewers watch: the server the publisher uses, or, with {@code --view-server},
 * a list of other nodes of a cluster, viewer i on node i mod n (round robin), so that frames
 * published on one node are timed at viewers of another. Each node keeps its own share of the
 * viewers and, per viewer loop, a latency recorder of its own; both are filled on the loops'
 * threads and read after they stopped.
 */
final class ViewServers {
    private final List<Node> nodes;
    private final boolean explicit;

    private ViewServers(List<Node> nodes, boolean explicit) {
        this.nodes = nodes;
        this.explicit = explicit;
    }

    /** Every viewer on the publisher's server, as without {@code --view-server}. */
    static ViewServers only(URI server, boolean tls) {
        return new ViewServers(List.of(new Node(server, tls)), false);
    }

    /** Viewers spread round robin over {@code servers} (at least one). */
    static ViewServers spread(List<URI> servers, boolean tls) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no view server");
        }
        return new ViewServers(servers.stream().map(s -> new Node(s, tls)).toList(), true);
    }

    /** True when the viewers were sent elsewhere than the publisher's server: the report then has a line per node. */
    boolean explicit() {
        return explicit;
    }

    /** The node that viewer number {@code viewer} (counted over all viewers) watches on. */
    Node of(int viewer) {
        return nodes.get(viewer % nodes.size());
    }

    List<Node> nodes() {
        return nodes;
    }

    /**
     * Waits until every node lists {@code camera} ({@code GET /api/cameras/ID} answers 200): a node
     * learns another node's camera from the cluster's camera list, a heartbeat or so after its
     * first frame, and until then a viewer there would get 404.
     */
    void awaitCamera(String camera, BenchTls tls, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        for (Node node : nodes) {
            String status = "";
            while (!(status = node.status("/api/cameras/" + camera, tls)).contains(" 200 ")) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(node.url() + " does not list camera " + camera + " after " + timeoutMillis / 1000
                            + " s (last answer: " + status.trim() + "): is it a node of the same cluster (--redis) as --server?");
                }
                Thread.sleep(100);
            }
        }
    }

    /** One server that viewers watch on, and what its viewers saw. */
    static final class Node {
        private final URI url;
        private final InetSocketAddress address;
        private final String host;
        private final List<ViewerStats> fast = new ArrayList<>();
        private final List<LatencyRecorder> latencyByLoop = new ArrayList<>();

        Node(URI url, boolean tls) {
            int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
            this.url = url;
            this.address = new InetSocketAddress(url.getHost(), port);
            this.host = url.getHost() + ":" + port;
        }

        URI url() {
            return url;
        }

        InetSocketAddress address() {
            return address;
        }

        /** The Host header value. */
        String host() {
            return host;
        }

        /** The status line of a GET of {@code path}, or what went wrong. */
        String status(String path, BenchTls tls) {
            try (Socket socket = tls.over(new Socket(address.getAddress(), address.getPort()), address)) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: livecam-bench\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                StringBuilder line = new StringBuilder();
                for (int c = in.read(); c >= 0 && c != '\n' && line.length() < 200; c = in.read()) {
                    line.append((char) c);
                }
                return line.toString();
            } catch (IOException e) {
                return e.toString();
            }
        }

        /** Counts a full-speed viewer as this node's (before it is opened). */
        void add(ViewerStats viewer) {
            fast.add(viewer);
        }

        List<ViewerStats> fast() {
            return fast;
        }

        /** This node's latency recorder for viewer loop {@code loop}: written by that loop's thread only. */
        synchronized LatencyRecorder latency(int loop) {
            while (latencyByLoop.size() <= loop) {
                latencyByLoop.add(new LatencyRecorder());
            }
            return latencyByLoop.get(loop);
        }

        /** Every loop's recorder merged; only after the loops stopped. */
        synchronized LatencyRecorder latency() {
            LatencyRecorder all = new LatencyRecorder();
            latencyByLoop.forEach(all::add);
            return all;
        }
    }
}
