package no.katapult.e2e.sweep;

import no.katapult.client.Answer;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 over a plain socket, byte for byte as the sweep writes it. {@code java.net.http} refuses what a hostile
 * client sends (invalid percent-encoding, raw bytes in a header value, a URI past its parser, a second Host), so
 * the sweep writes the request line, the headers and the body itself, and reads the answer into the api-client's
 * {@link Answer}, the same record the journeys assert on. Connections are kept alive per thread and target, and a
 * request on a kept connection that the server had already closed is sent once more on a new one.
 */
final class RawHttp {

    /** Where a request goes: the gateway, or a service straight. */
    record Target(String name, String host, int port) {
        static Target of(String name, String url) {
            URI uri = URI.create(url);
            return new Target(name, uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
        }

        String key() {
            return host + ":" + port;
        }
    }

    /** A header whose value goes out as these exact bytes. */
    record Header(String name, byte[] value) {
        static Header of(String name, String value) {
            return new Header(name, value.getBytes(StandardCharsets.UTF_8));
        }

        static Header latin1(String name, String value) {
            return new Header(name, value.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /**
     * One request. {@code target} is the request-target exactly as written on the request line (ISO-8859-1, so
     * each char is one byte); {@code body} null sends none; {@code chunked} sends it with Transfer-Encoding.
     */
    record Request(String method, String target, List<Header> headers, byte[] body, boolean chunked) {
        String describe() {
            String t = target.length() > 160 ? target.substring(0, 160) + "...(" + target.length() + " chars)" : target;
            return method + " " + printable(t);
        }
    }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    /** Bodies above this are written by another thread while this one reads: a server may answer 413 early. */
    private static final int ASYNC_WRITE_ABOVE = 256 * 1024;
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sweep-body-writer");
        t.setDaemon(true);
        return t;
    });

    private final ThreadLocal<Map<String, Socket>> kept = ThreadLocal.withInitial(HashMap::new);
    /** Every socket ever opened, to close what is left at the end. */
    private final Set<Socket> opened = ConcurrentHashMap.newKeySet();

    /** The answer; status 0 and the failure as body when none came (a reset, a timeout). */
    Answer send(Target target, Request request) {
        long t0 = System.nanoTime();
        String description = request.describe() + " -> " + target.name();
        Socket reused = kept.get().remove(target.key());
        if (reused != null) {
            try {
                return exchange(reused, target, request, description, t0);
            } catch (StaleConnection e) {
                forget(reused);
                // The server closed the idle connection: ask once more on a new one.
            } catch (IOException e) {
                forget(reused);
                return noAnswer(description, e, t0);
            }
        }
        Socket socket = null;
        try {
            socket = new Socket();
            opened.add(socket);
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.host(), target.port()), (int) CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            return exchange(socket, target, request, description, t0);
        } catch (IOException e) {
            if (socket != null) {
                forget(socket);
            }
            return noAnswer(description, e, t0);
        }
    }

    /** Closes every connection still open, of every thread. */
    void closeAll() {
        opened.forEach(RawHttp::closeQuietly);
        opened.clear();
    }

    private Answer exchange(Socket socket, Target target, Request request, String description, long t0)
            throws IOException {
        OutputStream out = socket.getOutputStream();
        byte[] head = head(target, request);
        byte[] body = request.body();
        Future<?> writer = null;
        IOException writeFailure = null;
        try {
            if (body != null && body.length > ASYNC_WRITE_ABOVE) {
                out.write(head);
                out.flush();
                writer = WRITERS.submit(() -> {
                    writeBody(out, request);
                    return null;
                });
            } else {
                ByteArrayOutputStream all = new ByteArrayOutputStream(head.length + (body == null ? 0 : body.length + 32));
                all.write(head);
                if (body != null) {
                    writeBody(all, request);
                }
                out.write(all.toByteArray());
                out.flush();
            }
        } catch (IOException e) {
            // The server may have answered and closed before it read everything: read what it said.
            writeFailure = e;
        }
        InputStream in = socket.getInputStream();
        Parsed parsed;
        try {
            parsed = read(in, request.method());
        } catch (StaleConnection e) {
            throw e;
        } catch (IOException e) {
            if (writeFailure != null) {
                e.addSuppressed(writeFailure);
            }
            throw e;
        } finally {
            if (writer != null) {
                writer.cancel(true);
            }
        }
        boolean close = parsed.closeDelimited || writer != null && !writer.isDone()
                || parsed.header("connection").toLowerCase(Locale.ROOT).contains("close");
        if (close) {
            forget(socket);
        } else {
            kept.get().put(target.key(), socket);
        }
        return Answer.of(description, parsed.status, parsed.headers,
                new String(parsed.body, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - t0));
    }

    private static byte[] head(Target target, Request request) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(256 + request.target().length());
        b.writeBytes((request.method() + " ").getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(request.target().getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(" HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
        boolean hasHost = request.headers().stream().anyMatch(h -> h.name().equalsIgnoreCase("Host"));
        if (!hasHost) {
            b.writeBytes(("Host: " + target.host() + ":" + target.port() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        for (Header h : request.headers()) {
            b.writeBytes((h.name() + ": ").getBytes(StandardCharsets.ISO_8859_1));
            b.writeBytes(h.value());
            b.writeBytes(new byte[]{'\r', '\n'});
        }
        if (request.body() != null) {
            b.writeBytes((request.chunked() ? "Transfer-Encoding: chunked\r\n"
                    : "Content-Length: " + request.body().length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        b.writeBytes(new byte[]{'\r', '\n'});
        return b.toByteArray();
    }

    private static void writeBody(OutputStream out, Request request) throws IOException {
        byte[] body = request.body();
        if (!request.chunked()) {
            out.write(body);
            out.flush();
            return;
        }
        int chunk = 64 * 1024;
        for (int off = 0; off < body.length; off += chunk) {
            int n = Math.min(chunk, body.length - off);
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, off, n);
            out.write(new byte[]{'\r', '\n'});
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The server closed a kept connection before this request got a single byte back. */
    private static final class StaleConnection extends IOException {
        StaleConnection() {
            super("kept connection closed by the server");
        }
    }

    private record Parsed(int status, Map<String, List<String>> headers, byte[] body, boolean closeDelimited) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return "";
        }
    }

    private static Parsed read(InputStream in, String method) throws IOException {
        String statusLine;
        int first;
        try {
            first = in.read();
        } catch (java.net.SocketException e) {
            throw new StaleConnection();
        }
        if (first < 0) {
            throw new StaleConnection();
        }
        statusLine = (char) first + line(in);
        int status;
        Map<String, List<String>> headers;
        while (true) {
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP status line: " + printable(statusLine));
            }
            status = Integer.parseInt(parts[1]);
            headers = new LinkedHashMap<>();
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                int colon = l.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(l.substring(0, colon).trim(), k -> new ArrayList<>())
                            .add(l.substring(colon + 1).trim());
                }
            }
            if (status >= 100 && status < 200) {
                statusLine = line(in); // an interim answer: the real one follows
                continue;
            }
            break;
        }
        Parsed header = new Parsed(status, headers, new byte[0], false);
        if (method.equals("HEAD") || status == 204 || status == 304) {
            return header;
        }
        if (header.header("transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                if (n == 0) {
                    while (!line(in).isEmpty()) {
                        // trailers
                    }
                    break;
                }
                body.write(in.readNBytes(n));
                line(in);
            }
            return new Parsed(status, headers, body.toByteArray(), false);
        }
        String length = header.header("content-length");
        if (!length.isEmpty()) {
            int n = Integer.parseInt(length.trim());
            byte[] body = in.readNBytes(n);
            if (body.length < n) {
                throw new EOFException("body ended after " + body.length + " of " + n + " bytes");
            }
            return new Parsed(status, headers, body, false);
        }
        try {
            return new Parsed(status, headers, in.readAllBytes(), true);
        } catch (SocketTimeoutException e) {
            throw new IOException("no Content-Length and the connection stayed open", e);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) c);
            if (sb.length() > 65_536) {
                throw new IOException("header line longer than 64 KiB");
            }
        }
        throw new EOFException("connection closed mid-answer");
    }

    private static Answer noAnswer(String description, IOException e, long t0) {
        return Answer.of(description, 0, Map.of(), "(no answer: " + e + ")", Duration.ofNanos(System.nanoTime() - t0));
    }

    private void forget(Socket socket) {
        opened.remove(socket);
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** For messages: control characters and non-ASCII as \\xNN. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0xff)) {
                sb.append(String.format("\\x%02X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static void shutdown() {
        WRITERS.shutdownNow();
        try {
            WRITERS.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
