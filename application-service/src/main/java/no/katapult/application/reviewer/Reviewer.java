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
import java.util.Objects;

/** A reviewer in the pool, by their username in the realm; managed by siva-admin. */
@Entity
@Table(name = "reviewer")
public class Reviewer extends VersionedEntity {

    @Id
    public String username;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    public String locale;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> organisations = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> expertise = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> conflicts = new ArrayList<>();

    @Column(nullable = false)
    public String updatedBy;

    static Reviewer create(String username) {
        Reviewer r = new Reviewer();
        r.username = username;
        return r;
    }

    /** Replaces the record's content; an identical request changes nothing, so the version (ETag) stays. */
    void apply(ReviewerRequest in, String by, OffsetDateTime now) {
        String newLocale = in.locale() == null ? null : in.locale().trim();
        List<String> newOrganisations = List.copyOf(orEmpty(in.organisations()));
        List<String> newExpertise = orEmpty(in.expertise()).stream().map(String::trim).toList();
        List<String> newConflicts = List.copyOf(orEmpty(in.conflicts()));
        boolean same = createdAt != null && Objects.equals(name, in.name().trim())
                && Objects.equals(email, in.email().trim()) && Objects.equals(locale, newLocale)
                && organisations.equals(newOrganisations) && expertise.equals(newExpertise)
                && conflicts.equals(newConflicts);
        if (same) {
            return;
        }
        name = in.name().trim();
        email = in.email().trim();
        locale = newLocale;
        organisations = new ArrayList<>(newOrganisations);
        expertise = new ArrayList<>(newExpertise);
        conflicts = new ArrayList<>(newConflicts);
        updatedBy = by;
        touch(now);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
