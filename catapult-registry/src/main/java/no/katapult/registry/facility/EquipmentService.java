package no.katapult.registry.facility;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import no.katapult.common.http.ETags;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.persistence.PersistenceErrors;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemMember;
import no.katapult.registry.CatalogueWrites;
import no.katapult.common.persistence.SqlFilter;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Rules and transactions for equipment items; who may write them is decided by their facility's centre. */
@ApplicationScoped
public class EquipmentService {

    static final String CREATED = "no.katapult.equipment.created";
    static final String UPDATED = "no.katapult.equipment.updated";

    @Inject
    EntityManager em;

    @Inject
    CatalogueWrites writes;

    @Inject
    FacilityService facilities;

    @Inject
    Clock clock;

    public record Filter(UUID facilityId, UUID centreId, String category, String q) {
    }

    @Transactional
    public Equipment get(UUID id) {
        return Equipment.<Equipment>findByIdOptional(id).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public PageResponse<EquipmentView> list(Filter f, PageRequest page) {
        return new SqlFilter("equipment e JOIN facility f ON f.id = e.facility_id")
                .and("e.facility_id = :facilityId", "facilityId", f.facilityId())
                .and("f.centre_id = :centreId", "centreId", f.centreId())
                .and("lower(e.category) = lower(:category)", "category", f.category())
                .search("e.search_vector", "catalogue_tsquery", f.q())
                .page(em, "e.*", Equipment.class, "e.name, e.id", page, list -> list.stream().map(EquipmentView::of).toList());
    }

    @Transactional
    public Equipment create(EquipmentRequest in) {
        writes.validate(in, in::check);
        return insert(UUID.randomUUID(), in);
    }

    /** A create at a client-chosen id (PUT with If-None-Match: *); 412 when an item has that id. */
    @Transactional
    public Equipment create(UUID id, EquipmentRequest in) {
        writes.validate(in, in::check);
        writes.claimId(id, "Equipment", () -> Equipment.findById(id) != null);
        return insert(id, in);
    }

    private Equipment insert(UUID id, EquipmentRequest in) {
        facilities.requireStaff(facilityFor(in.facilityId()));
        Equipment e = Equipment.create(id, in, OffsetDateTime.now(clock));
        e.persist();
        PersistenceErrors.flush(em, "duplicate", "The equipment already exists");
        publish(CREATED, e);
        return e;
    }

    @Transactional
    public Equipment update(UUID id, String ifMatch, EquipmentRequest in) {
        // Bad input is refused before the lock: it must never hold a row lock or a connection (issue 11).
        writes.validate(in, in::check);
        // Row-locked: concurrent updates serialise, so each checks If-Match against the latest version.
        Equipment e = Equipment.<Equipment>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> notFound(id));
        facilities.requireStaff(facilities.find(e.facilityId));
        if (!in.facilityId().equals(e.facilityId)) {
            facilities.requireStaff(facilityFor(in.facilityId()));
        }
        ETags.check(ifMatch, e.version, false);
        e.apply(in, OffsetDateTime.now(clock));
        PersistenceErrors.flush(em, "duplicate", "The equipment already exists");
        // Every accepted PUT is an event, even one that changed nothing: one request, one event.
        publish(UPDATED, e);
        return e;
    }

    private void publish(String type, Equipment e) {
        writes.publish(type, "equipment/" + e.id, EquipmentView.of(e));
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No equipment " + id);
    }

    private Facility facilityFor(UUID facilityId) {
        Facility facility = facilities.find(facilityId);
        if (facility == null) {
            throw ProblemException.unprocessable("facility-not-found",
                    "No facility " + facilityId + " to hold the equipment").with(ProblemMember.FACILITY_ID, facilityId.toString());
        }
        return facility;
    }
}
