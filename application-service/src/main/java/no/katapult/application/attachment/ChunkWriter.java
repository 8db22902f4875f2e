package no.katapult.application.attachment;

import no.katapult.common.problem.ProblemException;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Where the bytes of an upload go as they arrive: counted against the limits, hashed, and stored a chunk at a
 * time. Holds one chunk of memory, whatever the size of the file.
 */
final class ChunkWriter extends OutputStream {

    private final AttachmentContent content;
    private final UUID attachmentId;
    private final long maxFileSize;
    private final AttachmentService.Quota quota;
    private final MessageDigest digest = AttachmentContent.sha256();
    private final byte[] chunk = new byte[AttachmentContent.CHUNK_BYTES];
    private int filled;
    private int seq;
    private long size;

    ChunkWriter(AttachmentContent content, UUID attachmentId, long maxFileSize, AttachmentService.Quota quota) {
        this.content = content;
        this.attachmentId = attachmentId;
        this.maxFileSize = maxFileSize;
        this.quota = quota;
    }

    @Override
    public void write(int b) {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        size += len;
        if (size > maxFileSize) {
            throw AttachmentService.fileTooLarge(maxFileSize);
        }
        quota.check(size);
        digest.update(b, off, len);
        while (len > 0) {
            int n = Math.min(len, chunk.length - filled);
            System.arraycopy(b, off, chunk, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == chunk.length) {
                flushChunk();
            }
        }
    }

    /** Stores what is left; call once, after the last byte. */
    void finish() {
        if (filled > 0) {
            flushChunk();
        }
    }

    long size() {
        return size;
    }

    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private void flushChunk() {
        content.write(attachmentId, seq++, chunk, filled);
        filled = 0;
    }
}
