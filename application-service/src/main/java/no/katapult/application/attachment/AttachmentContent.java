package no.katapult.application.attachment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The bytes of attachments, in chunks of {@link #CHUNK_BYTES}. Each chunk is written and read in a statement of
 * its own, outside any transaction: a slow client holds a database connection only while one chunk moves, and no
 * more than one chunk is in memory per upload or download.
 */
@ApplicationScoped
public class AttachmentContent {

    /** Large enough that a 20 MiB file is 40 rows, small enough that a few uploads at once cost little heap. */
    static final int CHUNK_BYTES = 512 * 1024;

    private static final Logger LOG = Logger.getLogger(AttachmentContent.class);

    @Inject
    DataSource dataSource;

    void write(UUID attachmentId, int seq, byte[] data, int length) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO attachment_chunk (attachment_id, seq, data) VALUES (?, ?, ?)")) {
            insert.setObject(1, attachmentId);
            insert.setInt(2, seq);
            insert.setBinaryStream(3, new ByteArrayInputStream(data, 0, length), length);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store chunk " + seq + " of attachment " + attachmentId, e);
        }
    }

    private byte[] read(UUID attachmentId, int seq) throws IOException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT data FROM attachment_chunk WHERE attachment_id = ? AND seq = ?")) {
            select.setObject(1, attachmentId);
            select.setInt(2, seq);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new IOException("Chunk " + seq + " of attachment " + attachmentId + " is missing");
                }
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IOException("Could not read chunk " + seq + " of attachment " + attachmentId, e);
        }
    }

    /**
     * The stored bytes, chunk by chunk, checked against the size and checksum recorded at upload: a mismatch breaks
     * off the response, so a client never takes a damaged file for a whole one.
     */
    StreamingOutput stream(UUID attachmentId, long size, String sha256) {
        return out -> {
            MessageDigest digest = sha256();
            long written = 0;
            for (int seq = 0; written < size; seq++) {
                byte[] chunk = read(attachmentId, seq);
                digest.update(chunk);
                out.write(chunk);
                written += chunk.length;
            }
            if (written != size || !HexFormat.of().formatHex(digest.digest()).equals(sha256)) {
                LOG.errorf("Attachment %s does not match its recorded size or SHA-256; download broken off", attachmentId);
                throw new IOException("Attachment " + attachmentId + " is damaged");
            }
            out.flush();
        };
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
