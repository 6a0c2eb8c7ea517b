package org.livecam.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code multipart/x-mixed-replace} body (an MJPEG stream) from chunks split anywhere:
 * the delimiter line, each part's headers, a body of exactly its {@code Content-Length} bytes
 * (handed out as slices of the caller's buffer), then the CRLF and delimiter that close it
 * (RFC 2046: the CRLF before a delimiter belongs to the delimiter). Blank lines may come before
 * the first delimiter; anything else out of place fails the stream, and so does the closing
 * delimiter, reported as an {@link EOFException}.
 *
 * <p>The listener hears of a part's body end and of the delimiter after it separately: livecam
 * sends the delimiter right after each part so a browser draws the part at once, and a reader
 * that wants to prove it waits for the delimiter. Not thread-safe.
 */
public final class MultipartParser implements ByteSink {
    /** What the parser found; called on the thread that feeds it. */
    public interface Listener {
        /** A part's headers have been read; {@code headers} (lower-case names) is empty unless kept. */
        void partStarted(Map<String, String> headers) throws IOException;

        /** The next bytes of the part's body, between position and limit; not to be kept or moved. */
        void partBody(ByteBuffer data) throws IOException;

        /** The part's last body byte has come. */
        void partEnded() throws IOException;

        /** A delimiter line has come: the one before the first part or the one that closes a part. */
        default void delimiter() throws IOException {
        }
    }

    private enum State { PREAMBLE, HEADERS, BODY, BODY_END, DELIMITER }

    private final byte[] delimiter;
    private final byte[] closingDelimiter;
    private final boolean keepHeaders;
    private final Listener listener;
    private final ByteSink toListener;
    private final LineParser line = new LineParser();
    private State state = State.PREAMBLE;
    private Map<String, String> headers = Map.of();
    private long contentLength = -1;
    private long bodyLeft;

    /**
     * {@code boundary} as declared in the Content-Type. With {@code keepHeaders} false no part
     * header becomes a String (only Content-Length is read), so parts cost no garbage.
     */
    public MultipartParser(String boundary, boolean keepHeaders, Listener listener) {
        this.delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.closingDelimiter = ("--" + boundary + "--").getBytes(StandardCharsets.ISO_8859_1);
        this.keepHeaders = keepHeaders;
        this.listener = listener;
        this.toListener = listener::partBody;
    }

    @Override
    public void accept(ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            if (state == State.BODY) {
                body(data);
            } else if (line.parse(data)) {
                line();
            }
        }
    }

    private void body(ByteBuffer data) throws IOException {
        bodyLeft -= Slices.handOn(data, bodyLeft, toListener);
        if (bodyLeft == 0) {
            state = State.BODY_END;
            listener.partEnded();
        }
    }

    private void line() throws IOException {
        switch (state) {
            case PREAMBLE -> {
                if (!line.isEmpty()) {
                    delimiterLine();
                }
            }
            case HEADERS -> headerLine();
            case BODY_END -> {
                expect(line.isEmpty(), "");
                state = State.DELIMITER;
            }
            case DELIMITER -> delimiterLine();
            case BODY -> throw new IllegalStateException("a body is not read by lines");
        }
    }

    private void delimiterLine() throws IOException {
        if (line.is(closingDelimiter)) {
            throw new EOFException("the stream's closing delimiter");
        }
        expect(line.is(delimiter), new String(delimiter, StandardCharsets.ISO_8859_1));
        state = State.HEADERS;
        headers = keepHeaders ? new LinkedHashMap<>() : Map.of();
        listener.delimiter();
    }

    private void headerLine() throws IOException {
        if (line.isEmpty()) {
            if (contentLength < 0) {
                throw new IOException("a part without Content-Length" + (keepHeaders ? ": " + headers : ""));
            }
            bodyLeft = contentLength;
            contentLength = -1;
            listener.partStarted(headers);
            state = State.BODY;
            if (bodyLeft == 0) {
                state = State.BODY_END;
                listener.partEnded();
            }
        } else if (line.startsWithIgnoreCase("Content-Length:")) {
            contentLength = line.decimal(15);
            keep();
        } else {
            keep();
        }
    }

    private void keep() throws IOException {
        if (keepHeaders) {
            String text = line.text();
            int colon = text.indexOf(':');
            String name = colon <= 0 ? "" : text.substring(0, colon);
            // Found by fuzzing: " Content-Length: 9" was kept as content-length once trimmed, while the
            // body was read by the Content-Length line the parser recognises; a name has no spaces or controls.
            if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
                throw new IOException("not a header line: '" + text + "'");
            }
            headers.put(name.toLowerCase(Locale.ROOT), text.substring(colon + 1).trim());
        }
    }

    private void expect(boolean matches, String wanted) throws IOException {
        if (!matches) {
            throw new IOException("expected '" + wanted + "' but read '" + line.text() + "'");
        }
    }

    /** The boundary parameter of a multipart Content-Type (unquoted), or null when there is none. */
    public static String boundaryOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String p = parameter.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String value = p.substring(9).trim();
                if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
                    value = value.substring(1, value.length() - 1);
                }
                // Some servers write the leading dashes into the parameter; the delimiter adds its own.
                return value;
            }
        }
        return null;
    }
}
