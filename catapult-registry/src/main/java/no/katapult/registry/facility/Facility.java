package no.katapult.registry.facility;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import no.katapult.common.money.Money;
import no.katapult.registry.Address;
import no.katapult.registry.Tags;
import no.katapult.common.persistence.VersionedEntity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A lab, test bed, pilot line ... of a centre, with its opening hours, closures, rules and prices. */
@Entity
@Table(name = "facility")
public class Facility extends VersionedEntity {

    @Id
    public UUID id;

    public UUID centreId;

    public String name;

    @Enumerated(EnumType.STRING)
    public FacilityType type;

    public String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> capabilities = new ArrayList<>();

    public Integer capacity;

    public String street;
    public String postcode;
    public String municipality;
    public String county;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, List<TimeInterval>> openingHours = new LinkedHashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Closure> closures = new ArrayList<>();

    public int minDurationMinutes;
    public int maxDurationMinutes;
    public int slotGranularityMinutes;
    public int leadTimeHours;
    public int horizonDays;
    public int bufferMinutes;
    public boolean requiresApproval;
    public int freeCancellationNoticeHours;

    public BigDecimal standardPrice;

    public BigDecimal smePrice;

    public boolean bookable;
    public boolean active;

    static Facility create(UUID id, FacilityRequest in, Map<String, List<TimeInterval>> openingHours, OffsetDateTime now) {
        Facility f = new Facility();
        f.id = id;
        f.apply(in, openingHours, now);
        return f;
    }

    /** Replaces every client-owned field (PUT semantics); opening hours arrive validated and normalised. */
    void apply(FacilityRequest in, Map<String, List<TimeInterval>> normalisedOpeningHours, OffsetDateTime now) {
        centreId = in.centreId();
        name = in.name().strip();
        type = in.type();
        description = in.description();
        capabilities = Tags.normalise(in.capabilities());
        capacity = in.capacity();
        Address a = in.address();
        street = a == null ? null : a.street();
        postcode = a == null ? null : a.postcode();
        municipality = a == null ? null : a.municipality().strip();
        county = a == null ? null : a.county().strip();
        openingHours = new LinkedHashMap<>(normalisedOpeningHours);
        closures = in.closures() == null ? new ArrayList<>() : in.closures().stream()
                .map(c -> new Closure(c.from(), c.to(), c.reason().strip()))
                .sorted(Comparator.comparing(Closure::from).thenComparing(Closure::to))
                .collect(Collectors.toCollection(ArrayList::new));
        BookingRules r = in.bookingRules();
        minDurationMinutes = r.minDurationMinutes();
        maxDurationMinutes = r.maxDurationMinutes();
        slotGranularityMinutes = r.slotGranularityMinutes();
        leadTimeHours = r.leadTimeHours();
        horizonDays = r.horizonDays();
        bufferMinutes = r.bufferMinutes();
        requiresApproval = r.requiresApproval();
        freeCancellationNoticeHours = r.freeCancellationNoticeHours();
        standardPrice = Money.nok(in.standardPrice().amount()).amount();
        smePrice = Money.nok(in.smePrice().amount()).amount();
        bookable = in.bookable();
        active = in.active();
        touch(now);
    }

    public Address address() {
        return municipality == null ? null : new Address(street, postcode, municipality, county);
    }

    public BookingRules bookingRules() {
        return new BookingRules(minDurationMinutes, maxDurationMinutes, slotGranularityMinutes, leadTimeHours,
                horizonDays, bufferMinutes, requiresApproval, freeCancellationNoticeHours);
    }
}
