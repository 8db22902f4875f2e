package no.katapult.common.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;

/**
 * What every mutable record of the suite carries besides its data: the optimistic-lock version (its ETag
 * is this number in quotes) and when it was created and last written. Columns: version, created_at,
 * updated_at.
 */
@MappedSuperclass
public abstract class VersionedEntity extends PanacheEntityBase {

    @Version
    public long version;

    @Column(nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(nullable = false)
    public OffsetDateTime updatedAt;

    /** Records a write at {@code now}; the first one is also the creation. */
    protected void touch(OffsetDateTime now) {
        if (createdAt == null) {
            createdAt = now;
        }
        updatedAt = now;
    }
}
