package no.katapult.registry.facility;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import no.katapult.common.money.Money;
import no.katapult.registry.Tags;
import no.katapult.common.persistence.VersionedEntity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One physical item in a facility: three identical printers are three rows. Open when its facility is. */
@Entity
@Table(name = "equipment")
public class Equipment extends VersionedEntity {

    @Id
    public UUID id;

    public UUID facilityId;

    public String name;
    public String category;
    public String manufacturer;
    public String model;
    public String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> capabilities = new ArrayList<>();

    public boolean bookable;

    /** Own prices, as a pair; null means the facility's prices apply. */
    public BigDecimal standardPrice;

    public BigDecimal smePrice;

    static Equipment create(UUID id, EquipmentRequest in, OffsetDateTime now) {
        Equipment e = new Equipment();
        e.id = id;
        e.apply(in, now);
        return e;
    }

    /** Replaces every client-owned field (PUT semantics). */
    void apply(EquipmentRequest in, OffsetDateTime now) {
        facilityId = in.facilityId();
        name = in.name().strip();
        category = in.category().strip();
        manufacturer = in.manufacturer();
        model = in.model();
        description = in.description();
        capabilities = Tags.normalise(in.capabilities());
        bookable = in.bookable();
        standardPrice = in.standardPrice() == null ? null : Money.nok(in.standardPrice().amount()).amount();
        smePrice = in.smePrice() == null ? null : Money.nok(in.smePrice().amount()).amount();
        touch(now);
    }

    /** The equipment of the given facilities, each list in a stable order (name, id). */
    static List<Equipment> ofFacilities(List<UUID> facilityIds) {
        if (facilityIds.isEmpty()) {
            return List.of();
        }
        return list("facilityId in ?1 order by name, id", facilityIds);
    }
}
