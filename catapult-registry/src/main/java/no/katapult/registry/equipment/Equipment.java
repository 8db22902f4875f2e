package no.katapult.registry.equipment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import no.katapult.common.money.Money;
import no.katapult.registry.shared.Tags;
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
public class Equipment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "facility_id")
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
    @Column(name = "standard_price")
    public BigDecimal standardPrice;

    @Column(name = "sme_price")
    public BigDecimal smePrice;

    @Version
    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    static Equipment create(EquipmentInput in) {
        Equipment e = new Equipment();
        e.id = UUID.randomUUID();
        e.createdAt = OffsetDateTime.now();
        e.apply(in);
        return e;
    }

    void apply(EquipmentInput in) {
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
        updatedAt = OffsetDateTime.now();
    }

    /** The equipment of the given facilities, each list in a stable order (name, id). */
    public static List<Equipment> ofFacilities(List<UUID> facilityIds) {
        if (facilityIds.isEmpty()) {
            return List.of();
        }
        return list("facilityId in ?1 order by name, id", facilityIds);
    }
}
