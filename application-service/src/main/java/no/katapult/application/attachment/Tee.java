package no.katapult.application.attachment;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Passes every byte that is read from it, or skipped, to a sink as well: the archive inspection reads the upload
 * while it is stored, in one pass.
 */
final class Tee extends FilterInputStream {

    private final OutputStream sink;

    Tee(InputStream in, OutputStream sink) {
        super(in);
        this.sink = sink;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sink.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            sink.write(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads the rest, so that all of it reaches the sink. */
    void drain() throws IOException {
        byte[] buffer = new byte[8192];
        while (read(buffer, 0, buffer.length) >= 0) {
            // the sink has it
        }
    }
}
