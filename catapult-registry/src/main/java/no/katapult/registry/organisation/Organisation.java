package no.katapult.registry.organisation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;

@Entity
@Table(name = "organisation")
public class Organisation extends PanacheEntityBase {

    public enum Kind { COMPANY, RESEARCH, CLUSTER, PUBLIC }

    @Id
    @Column(name = "org_no")
    public String orgNo;

    public String name;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    @Version
    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt = OffsetDateTime.now();

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt = OffsetDateTime.now();
}
