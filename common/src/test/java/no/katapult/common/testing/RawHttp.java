package no.katapult.common.testing;

import io.restassured.RestAssured;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request written byte for byte to the service under test, for what RestAssured's client will not send: an
 * invalid percent-encoding on the request line, a chunked body. One request per connection.
 */
public final class RawHttp {

    /** The answer: status, headers (names lower case) and the body as UTF-8 text. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public boolean isProblem() {
            String type = header("content-type");
            return type != null && type.startsWith("application/problem+json");
        }
    }

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, CRLF-separated, without the blank line) and the body. */
    public static Answer send(String head, byte[] body, boolean chunked) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder h = new StringBuilder(head).append("\r\nHost: localhost\r\nConnection: close\r\n");
            if (body != null) {
                h.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
            }
            out.write(h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            try {
                if (body != null && chunked) {
                    for (int off = 0; off < body.length; off += 65_536) {
                        int n = Math.min(65_536, body.length - off);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body, off, n);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } else if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // The server may answer before it has read everything (a 413): read what it said.
            }
            return read(socket.getInputStream());
        }
    }

    public static Answer send(String head) throws IOException {
        return send(head, null, false);
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int i = end < 0 ? all.length : end + 4;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            // text has one char per byte, so its offsets are byte offsets
            while (i < all.length) {
                int lineEnd = text.indexOf("\r\n", i);
                int size = Integer.parseInt(text.substring(i, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                body.write(all, lineEnd + 2, size);
                i = lineEnd + 2 + size + 2;
            }
        } else {
            body.write(all, i, all.length - i);
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }
}
