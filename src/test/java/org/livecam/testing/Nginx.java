package org.livecam.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx in front of a test server, configured by the project's own
 * {@code deploy/nginx-livecam.conf} with only its two ports changed, run in the foreground from
 * a scratch folder on a free loopback port and stopped by its process id.
 */
public final class Nginx implements AutoCloseable {
    public static final Path SITE = Path.of("deploy/nginx-livecam.conf");

    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** True when the nginx program is installed (scripts/test installs nginx-light). */
    public static boolean installed() {
        try {
            return new ProcessBuilder("nginx", "-v").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts nginx in {@code dir}, proxying to livecam on {@code upstreamPort}; returns once it accepts connections. */
    public static Nginx start(Path dir, int upstreamPort) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("logs"));
        int port = freePort();
        String site = Files.readString(SITE);
        site = replaceOnce(site, "server 127.0.0.1:8080;", "server 127.0.0.1:" + upstreamPort + ";");
        site = replaceOnce(site, "listen 80;", "listen 127.0.0.1:" + port + ";");
        site = replaceOnce(site, "listen [::]:80;", ""); // loopback IPv4 is enough here
        Files.writeString(dir.resolve("livecam-site.conf"), site);
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.writeString(dir.resolve("nginx.conf"), (root ? "user root;\n" : "") + """
                worker_processes 1;
                error_log logs/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log logs/access.log;
                    client_body_temp_path body;
                    proxy_temp_path proxy;
                    fastcgi_temp_path fastcgi;
                    uwsgi_temp_path uwsgi;
                    scgi_temp_path scgi;
                    include livecam-site.conf;
                }
                """);
        Process process = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-g", "daemon off; pid " + dir.resolve("nginx.pid") + ";")
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/console.log").toFile()).start();
        Nginx nginx = new Nginx(process, port, dir);
        try {
            Await.until(() -> !process.isAlive() || accepts(port), Duration.ofSeconds(10), "nginx to listen on " + port);
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("logs/console.log"))
                        + Files.readString(dir.resolve("logs/error.log")));
            }
        } catch (RuntimeException | InterruptedException | AssertionError e) {
            nginx.close();
            throw e;
        }
        return nginx;
    }

    public int port() {
        return port;
    }

    /** What nginx logged at warn and above. */
    public String errorLog() throws IOException {
        Path log = dir.resolve("logs/error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** SIGTERM to the master process (nginx's fast shutdown), then SIGKILL if it lingers. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String replaceOnce(String text, String from, String to) {
        if (!text.contains(from)) {
            throw new IllegalStateException(SITE + " no longer has '" + from + "'; update " + Nginx.class.getSimpleName());
        }
        return text.replace(from, to);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
