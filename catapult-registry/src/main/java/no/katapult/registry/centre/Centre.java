package no.katapult.registry.centre;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import no.katapult.registry.Address;
import no.katapult.registry.Tags;
import no.katapult.common.persistence.VersionedEntity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A national catapult centre or a regional node. Phasing out is a status, never a delete. */
@Entity
@Table(name = "centre")
public class Centre extends VersionedEntity {

    @Id
    public UUID id;

    public String code;

    public String name;

    @Enumerated(EnumType.STRING)
    public CentreKind kind;

    public UUID parentCentreId;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> focusAreas = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    public CentreStatus status;

    public String hostOrgNo;

    public String hostOrgName;

    public String street;
    public String postcode;
    public String municipality;
    public String county;
    public String description;
    public String website;

    public String contactEmail;

    public LocalDate establishedOn;

    static Centre create(UUID id, CentreRequest in, OffsetDateTime now) {
        Centre c = new Centre();
        c.id = id;
        c.apply(in, now);
        return c;
    }

    /** Replaces every client-owned field (PUT semantics). */
    void apply(CentreRequest in, OffsetDateTime now) {
        code = in.code();
        name = in.name().strip();
        kind = in.kind();
        parentCentreId = in.parentCentreId();
        focusAreas = Tags.normalise(in.focusAreas());
        status = in.status();
        hostOrgNo = in.hostOrganisation() == null ? null : in.hostOrganisation().orgNo();
        hostOrgName = in.hostOrganisation() == null ? null : in.hostOrganisation().name().strip();
        Address a = in.address();
        street = a.street();
        postcode = a.postcode();
        municipality = a.municipality().strip();
        county = a.county().strip();
        description = in.description();
        website = in.website();
        contactEmail = in.contactEmail();
        establishedOn = in.establishedOn();
        touch(now);
    }

    public boolean isPhasedOut() {
        return status == CentreStatus.PHASED_OUT;
    }

    public Address address() {
        return new Address(street, postcode, municipality, county);
    }

    public HostOrganisation hostOrganisation() {
        return hostOrgNo == null ? null : new HostOrganisation(hostOrgNo, hostOrgName);
    }
}
