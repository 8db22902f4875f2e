package no.katapult.application.review;

import no.katapult.common.persistence.VersionedEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** One reviewer's scores (1..7 per criterion) for one application. */
@Entity
@Table(name = "review")
public class Review extends VersionedEntity {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public UUID applicationId;

    @Column(nullable = false, updatable = false)
    public String reviewer;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "review_score", joinColumns = @JoinColumn(name = "review_id"))
    @MapKeyColumn(name = "criterion_code")
    @Column(name = "score", nullable = false)
    public Map<String, Integer> scores = new TreeMap<>();

    public String comment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Recommendation recommendation;

}
