package org.livecam.wire;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The status line and headers of one HTTP/1.1 response. {@code headers} has lower-case names
 * (the last of repeated ones wins); {@code lines} keeps the header lines as they came. Immutable.
 */
public record ResponseHead(String statusLine, int status, Map<String, String> headers, List<String> lines) {
    public ResponseHead {
        headers = Map.copyOf(headers);
        lines = List.copyOf(lines);
    }

    /** A header by its name, any case; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether the body comes in chunked transfer coding. */
    public boolean chunked() {
        String coding = header("Transfer-Encoding");
        return coding != null && coding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /** The body's Content-Length, or -1 when there is none. */
    public long contentLength() {
        String length = header("Content-Length");
        return length == null ? -1 : Long.parseLong(length.trim());
    }

    /** The multipart boundary declared in the Content-Type, or null. */
    public String boundary() {
        return MultipartParser.boundaryOf(header("Content-Type"));
    }
}
