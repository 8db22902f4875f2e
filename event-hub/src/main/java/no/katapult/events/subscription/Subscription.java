package no.katapult.events.subscription;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import no.katapult.events.Audience;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A webhook endpoint and the events it wants; deliveries carry what its owner may see. */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The token subject of the caller who subscribed: only they see and manage it. */
    public String ownerSubject;

    @Enumerated(EnumType.STRING)
    public Audience audience;

    public String ownerOrgNo;

    public String url;

    /** Type prefixes; empty: every type the owner may see. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public String[] types;

    public String description;

    public String secret;

    @Enumerated(EnumType.STRING)
    public SubscriptionStatus status;

    public String statusReason;

    public OffsetDateTime disabledAt;

    public long startPosition;

    public OffsetDateTime createdAt;

    @Version
    public long version;
}
