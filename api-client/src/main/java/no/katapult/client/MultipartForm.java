package no.katapult.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (RFC 7578) of text fields and files, e.g. an application's attachment:
 * {@code api.post(path).as(user).form(MultipartForm.create().field("kind", "BUDGET").file("file", "b.pdf", pdf))}.
 * Written here because java.net.http has no multipart publisher; the parts are few and small.
 */
public final class MultipartForm {

    private final String boundary = "katapult-" + UUID.randomUUID();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private MultipartForm() {
    }

    public static MultipartForm create() {
        return new MultipartForm();
    }

    public MultipartForm field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted(name) + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    /** A file part; its declared type is application/octet-stream (the suite tells types from content). */
    public MultipartForm file(String name, String filename, byte[] content) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quoted(name) + "\"; filename=\""
                + quoted(filename) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        out.writeBytes(content);
        write("\r\n");
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The body, closed with the final boundary. */
    public byte[] bytes() {
        ByteArrayOutputStream body = new ByteArrayOutputStream(out.size() + boundary.length() + 8);
        body.writeBytes(out.toByteArray());
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "");
    }
}
