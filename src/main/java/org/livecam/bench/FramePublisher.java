package org.livecam.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import org.livecam.wire.InputFeed;
import org.livecam.wire.ResponseHead;

/**
 * The camera side of a bench run: one thread that POSTs the ring of {@link BenchFrames} to
 * {@code /cameras/{id}/frame} at a steady rate over one keep-alive connection, stamping each
 * frame with {@code System.nanoTime()} just before it goes out, and a second thread that reads
 * the answers. Requests are pipelined (HTTP/1.1) up to {@code window} in flight, so a server
 * that answers late still gets frames at the set rate, as from a real camera; a frame whose
 * turn comes while the window is full is skipped and counted, and when the sender falls behind
 * it skips ahead rather than bursting. With {@code sameFrame} it sends the ring's first frame,
 * stamped once, every time: byte-identical copies. Counters are readable from any thread; the
 * round-trip recorder only after {@link #close}.
 */
final class FramePublisher implements AutoCloseable {
    private final InetSocketAddress server;
    private final BenchTls tls;
    private final String host;
    private final String cameraId;
    private final String token;
    private final BenchFrames frames;
    private final long periodNanos;
    private final int window;
    private final MeasureWindow measured;
    private final boolean sameFrame;
    private boolean stamped;
    private final Thread thread;
    private final LatencyRecorder roundTrip = new LatencyRecorder();
    private final Semaphore inFlight;
    private final Queue<Long> sendTimes = new ConcurrentLinkedQueue<>();
    private volatile long skipped;
    private volatile Thread reader;
    private volatile boolean running = true;
    private volatile long sent;
    private volatile long accepted;
    private volatile long failures;
    private volatile String lastError;

    FramePublisher(InetSocketAddress server, String cameraId, String token, BenchFrames frames, double fps, int window,
                   MeasureWindow measured, boolean sameFrame) {
        this(server, cameraId, token, frames, fps, window, measured, sameFrame, BenchTls.none());
    }

    /** Over TLS when {@code tls} is on. */
    FramePublisher(InetSocketAddress server, String cameraId, String token, BenchFrames frames, double fps, int window,
                   MeasureWindow measured, boolean sameFrame, BenchTls tls) {
        this.tls = tls;
        this.server = server;
        this.host = server.getHostString() + ":" + server.getPort();
        this.cameraId = cameraId;
        this.token = token;
        this.frames = frames;
        this.periodNanos = (long) (1_000_000_000L / fps);
        this.window = window;
        this.measured = measured;
        this.sameFrame = sameFrame;
        this.inFlight = new Semaphore(window);
        this.thread = new Thread(this::run, "bench-publisher");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long next = System.nanoTime();
        // From the wall clock (microseconds), not 0: a server shows a new viewer the last frame it
        // kept, perhaps an earlier run's, and a viewer counts a frame as fresh only above the highest
        // counter it has seen, so a later run's counters must be the larger.
        long counter = System.currentTimeMillis() * 1000;
        while (running) {
            try (Socket tcp = new Socket()) {
                tcp.setTcpNoDelay(true);
                tcp.connect(server, 5000);
                Socket socket = tls.over(tcp, server);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputFeed answers = new InputFeed(socket.getInputStream(), 8192);
                reader = new Thread(() -> readAnswers(socket, answers), "bench-publisher-answers");
                reader.setDaemon(true);
                reader.start();
                while (running && !socket.isClosed()) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                        continue;
                    }
                    next += periodNanos;
                    if (next < System.nanoTime()) {
                        next = System.nanoTime() + periodNanos; // fell behind: skip, do not burst
                    }
                    counter++;
                    if (!inFlight.tryAcquire()) {
                        skipped++; // the server is this far behind: drop the frame, as a camera would
                        continue;
                    }
                    publish(out, frames.get(sameFrame ? 0 : counter), counter);
                }
            } catch (IOException e) {
                failures++;
                lastError = e.getMessage();
                LockSupport.parkNanos(200_000_000L); // the server may be restarting; try again soon
            }
            // Answers of a broken connection never come: start the next one with an empty window.
            sendTimes.clear();
            inFlight.drainPermits();
            inFlight.release(window);
        }
    }

    private void readAnswers(Socket socket, InputFeed answers) {
        try {
            while (!socket.isClosed()) {
                ResponseHead answer = answers.readHead();
                answers.skip(Math.max(0, answer.contentLength()));
                int status = answer.status();
                Long sentAt = sendTimes.poll();
                if (sentAt != null && measured.contains(sentAt)) {
                    roundTrip.record(System.nanoTime() - sentAt);
                }
                inFlight.release();
                if (status / 100 == 2) {
                    accepted++;
                } else {
                    failures++;
                    lastError = "server answered " + status + " to a publish";
                }
            }
        } catch (IOException e) {
            if (running && !socket.isClosed()) {
                lastError = e instanceof EOFException ? "the server closed the publishing connection" : e.getMessage();
                closeQuietly(socket); // the sender notices and reconnects
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already broken
        }
    }

    private void publish(OutputStream out, byte[] frame, long counter) throws IOException {
        long start = System.nanoTime();
        if (!sameFrame || !stamped) {
            FrameStamp.stamp(frame, start, counter);
            stamped = true;
        }
        sendTimes.add(start);
        String head = "POST /cameras/" + cameraId + "/frame HTTP/1.1\r\nHost: " + host
                + "\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + frame.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(frame);
        out.flush();
        sent++;
    }

    long sent() {
        return sent;
    }

    long accepted() {
        return accepted;
    }

    /** Frames not sent because {@code window} requests were still unanswered. */
    long skipped() {
        return skipped;
    }

    long failures() {
        return failures;
    }

    String lastError() {
        return lastError;
    }

    /** Publish round trips (sent to answered) of frames sent in the measured window; read only after close(). */
    LatencyRecorder roundTrip() {
        return roundTrip;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(15_000);
            Thread last = reader;
            if (last != null) {
                last.join(5_000); // the socket is closed by now, so it ends
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
