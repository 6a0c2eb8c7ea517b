package org.livecam.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads {@code GET /cameras/{id}/stream.mjpg} as a browser would, without decoding images: the
 * HTTP response head, chunked transfer coding when the server uses it (Vert.x does for an
 * endless body), then multipart parts found by their {@code Content-Length}. Of each part only
 * the first bytes are kept, to read the {@link FrameStamp}; the rest is skipped where it lies in
 * the read buffer, so one thread can follow hundreds of streams.
 *
 * <p>Part boundaries may come before or after each part (livecam puts them after, so browsers
 * draw a part at once); any line starting with {@code --} outside a body opens a part.
 */
final class MjpegLoadViewer implements StreamDecoder {
    private enum Http { HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, IDENTITY }

    private enum Part { BETWEEN, HEADERS, BODY }

    private final String host;
    private final String path;
    private final ViewerStats stats;
    private final LineBuffer httpLine = new LineBuffer();
    private final LineBuffer partLine = new LineBuffer();
    private final byte[] prefix = new byte[FrameStamp.PREFIX_BYTES];
    private Http http = Http.HEAD;
    private boolean statusSeen;
    private boolean chunked;
    private long chunkLeft;
    private Part part = Part.BETWEEN;
    private long contentLength = -1;
    private long bodyLeft;
    private int prefixLength;

    MjpegLoadViewer(String host, String path, ViewerStats stats) {
        this.host = host;
        this.path = path;
        this.stats = stats;
    }

    @Override
    public ByteBuffer request() {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: livecam-bench\r\n"
                + "Accept: multipart/x-mixed-replace\r\n\r\n";
        return ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void read(ByteBuffer data, long nowNanos) throws IOException {
        while (data.hasRemaining()) {
            switch (http) {
                case HEAD -> {
                    if (httpLine.fill(data, data.limit())) {
                        head(httpLine.take());
                    }
                }
                case CHUNK_SIZE -> {
                    if (httpLine.fill(data, data.limit())) {
                        String size = httpLine.take();
                        int semicolon = size.indexOf(';');
                        chunkLeft = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                        if (chunkLeft == 0) {
                            throw new IOException("the server ended the stream");
                        }
                        http = Http.CHUNK_DATA;
                    }
                }
                case CHUNK_DATA -> {
                    int end = (int) Math.min(data.limit(), data.position() + chunkLeft);
                    int start = data.position();
                    parts(data, end, nowNanos);
                    chunkLeft -= end - start;
                    if (chunkLeft == 0) {
                        http = Http.CHUNK_END;
                    }
                }
                case CHUNK_END -> {
                    if (httpLine.fill(data, data.limit())) {
                        httpLine.take(); // the CRLF after a chunk's data
                        http = Http.CHUNK_SIZE;
                    }
                }
                case IDENTITY -> parts(data, data.limit(), nowNanos);
            }
        }
    }

    private void head(String line) throws IOException {
        if (!statusSeen) {
            statusSeen = true;
            if (!line.startsWith("HTTP/1.1 200") && !line.startsWith("HTTP/1.0 200")) {
                throw new IOException("server answered '" + line + "'");
            }
        } else if (line.isEmpty()) {
            http = chunked ? Http.CHUNK_SIZE : Http.IDENTITY;
            stats.onConnected();
        } else if (line.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:") && line.toLowerCase(Locale.ROOT).contains("chunked")) {
            chunked = true;
        }
    }

    /** The multipart layer, over the de-chunked bytes in data[position, end). */
    private void parts(ByteBuffer data, int end, long nowNanos) throws IOException {
        while (data.position() < end) {
            if (part == Part.BODY) {
                int n = (int) Math.min(end - data.position(), bodyLeft);
                int keep = Math.min(n, prefix.length - prefixLength);
                if (keep > 0) {
                    data.get(data.position(), prefix, prefixLength, keep);
                    prefixLength += keep;
                }
                data.position(data.position() + n);
                bodyLeft -= n;
                if (bodyLeft == 0) {
                    stats.onFrame(FrameStamp.read(prefix, prefixLength), nowNanos);
                    part = Part.BETWEEN;
                }
            } else if (partLine.fill(data, end)) {
                partLine(partLine.take());
            }
        }
    }

    private void partLine(String line) throws IOException {
        if (part == Part.BETWEEN) {
            if (line.startsWith("--")) {
                part = Part.HEADERS;
            }
        } else if (line.isEmpty()) {
            if (contentLength < 0) {
                throw new IOException("a multipart part without Content-Length");
            }
            bodyLeft = contentLength;
            contentLength = -1;
            prefixLength = 0;
            part = bodyLeft > 0 ? Part.BODY : Part.BETWEEN;
        } else if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
            contentLength = Long.parseLong(line.substring(15).trim());
        }
    }
}
