package no.katapult.application.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/** A reviewer assigned to an application by siva-admin. */
@Entity
@Table(name = "review_assignment")
@IdClass(ReviewAssignment.Key.class)
public class ReviewAssignment extends PanacheEntityBase {

    @Id
    public UUID applicationId;

    @Id
    public String reviewer;

    @Column(nullable = false)
    public OffsetDateTime assignedAt;

    @Column(nullable = false)
    public String assignedBy;

    public static class Key implements Serializable {
        public UUID applicationId;
        public String reviewer;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(applicationId, k.applicationId)
                    && Objects.equals(reviewer, k.reviewer);
        }

        @Override
        public int hashCode() {
            return Objects.hash(applicationId, reviewer);
        }
    }
}
