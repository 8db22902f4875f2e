package no.katapult.application.reviewer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import no.katapult.common.persistence.VersionedEntity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The organisations a reviewer has declared a conflict of interest with, in their own words. */
@Entity
@Table(name = "reviewer_declaration")
public class DeclaredConflicts extends VersionedEntity {

    @Id
    public String username;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> conflicts = new ArrayList<>();

    static DeclaredConflicts create(String username) {
        DeclaredConflicts d = new DeclaredConflicts();
        d.username = username;
        return d;
    }

    /** Replaces the declaration; true when it changed. */
    boolean replace(List<String> orgNos, OffsetDateTime now) {
        if (createdAt != null && conflicts.equals(orgNos)) {
            return false;
        }
        conflicts = new ArrayList<>(orgNos);
        touch(now);
        return true;
    }
}
