package org.livecam.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an HTTP/1.1 response head (status line, header lines, the blank line) from chunks split
 * anywhere, and stops exactly at its end: the bytes after it, the body or a WebSocket's first
 * frame, stay in the caller's buffer. One instance per response; not thread-safe.
 */
public final class ResponseHeadParser {
    private final LineParser line = new LineParser();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> lines = new ArrayList<>();
    private String statusLine;
    private int status;
    private ResponseHead head;

    /** Takes bytes of the head from {@code data}, none after it; true once the head is complete. */
    public boolean parse(ByteBuffer data) throws IOException {
        while (head == null && line.parse(data)) {
            if (statusLine == null) {
                statusLine(line.text());
            } else if (line.isEmpty()) {
                head = new ResponseHead(statusLine, status, headers, lines);
            } else {
                header(line.text());
            }
        }
        return head != null;
    }

    /** The head once {@link #parse} has returned true, else null. */
    public ResponseHead head() {
        return head;
    }

    private void statusLine(String text) throws IOException {
        String[] words = text.split(" ", 3);
        if (words.length < 2 || !words[0].startsWith("HTTP/1.") || words[1].length() != 3) {
            throw new IOException("not an HTTP response: '" + text + "'");
        }
        try {
            status = Integer.parseInt(words[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP response: '" + text + "'");
        }
        statusLine = text;
    }

    private void header(String text) throws IOException {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IOException("not a header line: '" + text + "'");
        }
        headers.put(text.substring(0, colon).trim().toLowerCase(Locale.ROOT), text.substring(colon + 1).trim());
        lines.add(text);
    }
}
