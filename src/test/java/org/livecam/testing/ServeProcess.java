package org.livecam.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code livecam serve} in a process of its own, from the test class path, on a free loopback
 * port with a known token and no demo: for what only a real process shows (signals, exit status,
 * what it prints). Its stdout and stderr lines are collected apart. Closing kills it if it still runs.
 */
public final class ServeProcess implements AutoCloseable {
    public static final String TOKEN = "serve-process-token";
    private static final Pattern SERVING = Pattern.compile("livecam is serving on [^:]+:(\\d+)");

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final List<Thread> readers = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    private ServeProcess(Process process) {
        this.process = process;
        readers.add(read(process.getInputStream(), out));
        readers.add(read(process.getErrorStream(), err));
    }

    /** Starts it with {@code data} as its data folder and {@code extra} options, and waits until it serves. */
    public static ServeProcess start(Path data, String... extra) throws Exception {
        return start(data, java.util.Map.of(), extra);
    }

    /** As above, with {@code env} set in its environment (a PATH of the test's own, say). */
    public static ServeProcess start(Path data, java.util.Map<String, String> env, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "org.livecam.Livecam", "serve",
                "--bind", "127.0.0.1", "--port", "0", "--data", data.toString(), "--token", TOKEN, "--no-demo"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        ServeProcess server = new ServeProcess(builder.start());
        try {
            server.port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("livecam serve did not start: " + server.out + server.err, e);
        }
        return server;
    }

    public int port() {
        return port.join();
    }

    public Process process() {
        return process;
    }

    /** Descriptors the process holds open now (Linux: its {@code /proc/PID/fd}). */
    public int openFiles() throws IOException {
        try (java.util.stream.Stream<Path> fds = java.nio.file.Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return (int) fds.count();
        }
    }

    /** Sets its open-file limit (soft and hard) while it runs, with util-linux's {@code prlimit}. */
    public void limitOpenFiles(int limit) throws IOException, InterruptedException {
        Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(process.pid()), "--nofile=" + limit + ":" + limit)
                .redirectErrorStream(true).start();
        String said = new String(prlimit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (prlimit.waitFor() != 0) {
            throw new IOException("prlimit failed: " + said);
        }
    }

    /** Lines written to stdout so far (the log). */
    public List<String> out() {
        return out;
    }

    /** Lines written to stderr so far. */
    public List<String> err() {
        return err;
    }

    /** POSTs a JPEG to {@code /cameras/{camera}/frame} with the token; returns the status. */
    public int publish(String camera, byte[] jpeg) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/cameras/" + camera + "/frame"))
                        .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public HttpClient client() {
        return client;
    }

    /** Waits for the readers to see the end of its output, once it has exited. */
    public void awaitOutput() throws InterruptedException {
        for (Thread reader : readers) {
            reader.join(10_000);
        }
    }

    private Thread read(InputStream in, List<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader text = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = text.readLine(); line != null; line = text.readLine()) {
                    lines.add(line);
                    Matcher serving = SERVING.matcher(line);
                    if (serving.find()) {
                        port.complete(Integer.parseInt(serving.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            port.completeExceptionally(new IllegalStateException("ended before serving"));
        }, "serve-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        awaitOutput();
    }
}
