package org.livecam.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.livecam.wire.InputFeed;
import org.livecam.wire.ResponseHead;

/**
 * One HTTP/1.1 exchange on a raw socket, for requests java.net.http will not send as they are:
 * a Content-Length with no body behind it, a hand-chunked body. Reads the response head with the
 * product's own parser and a body of Content-Length bytes (or up to the close). Also
 * pipelines requests on one connection, reading exactly the head of an answer to HEAD, so that a
 * body wrongly sent after it shows up where the next answer's status line should be.
 */
public final class RawHttp {
    /** What came back; header names in lower case. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, no blank line) and {@code body} as they are. */
    public static Response exchange(int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(15_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((head + "\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(body);
            out.write(request.toByteArray()); // one write: the server sees it all before it can answer
            out.flush();
            InputFeed feed = new InputFeed(socket.getInputStream(), 8192);
            ResponseHead answer = feed.readHead();
            long length = answer.contentLength();
            byte[] answerBody = length >= 0 ? feed.read(Math.toIntExact(length)) : feed.readToEnd();
            return new Response(answer.status(), answer.headers(), new String(answerBody, StandardCharsets.UTF_8));
        }
    }

    /**
     * Sends the request {@code heads} (request line and headers each, no blank line) pipelined in
     * one write and reads their answers in order: only the head for a HEAD request, else a body
     * of Content-Length bytes (every other answer needs one).
     */
    public static List<Response> pipelined(int port, String... heads) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(15_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            StringBuilder requests = new StringBuilder();
            for (String head : heads) {
                requests.append(head).append("\r\nHost: 127.0.0.1:").append(port).append("\r\n\r\n");
            }
            socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.ISO_8859_1));
            InputFeed feed = new InputFeed(socket.getInputStream(), 8192);
            List<Response> answers = new ArrayList<>();
            for (String head : heads) {
                ResponseHead answer = feed.readHead();
                byte[] body = head.startsWith("HEAD ") ? new byte[0] : feed.read(Math.toIntExact(answer.contentLength()));
                answers.add(new Response(answer.status(), answer.headers(), new String(body, StandardCharsets.UTF_8)));
            }
            return answers;
        }
    }

    /** Encodes {@code body} as HTTP chunks of {@code chunkSize} bytes, with the last empty chunk. */
    public static byte[] chunked(byte[] body, int chunkSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += chunkSize) {
            int n = Math.min(chunkSize, body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
