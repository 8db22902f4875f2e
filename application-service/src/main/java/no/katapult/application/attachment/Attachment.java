package no.katapult.application.attachment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import no.katapult.application.AttachmentKind;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A document attached to an application. Immutable once STORED: it is replaced by deleting and uploading again. */
@Entity
@Table(name = "attachment")
public class Attachment extends PanacheEntityBase {

    public enum State { UPLOADING, STORED }

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public UUID applicationId;

    @Enumerated(EnumType.STRING)
    public AttachmentKind kind;

    @Column(nullable = false)
    public String filename;

    public String mediaType;

    public long size;

    /** Lower-case hex. */
    public String sha256;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(nullable = false, updatable = false)
    public String uploadedBy;

    @Column(nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    /** The strong ETag of the file: its checksum, since the bytes never change. */
    String etag() {
        return "\"" + sha256 + "\"";
    }
}
