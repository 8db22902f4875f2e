package no.katapult.registry.equipment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import no.katapult.common.http.ETags;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.problem.ProblemException;
import no.katapult.registry.centre.Centre;
import no.katapult.registry.facility.Facility;
import no.katapult.registry.facility.FacilityService;
import no.katapult.registry.shared.Caller;
import no.katapult.registry.shared.FieldErrors;
import no.katapult.registry.shared.PersistenceErrors;
import no.katapult.registry.shared.RequestValidator;
import no.katapult.registry.shared.SqlFilter;

import java.util.UUID;

/** Rules and transactions for equipment items. */
@ApplicationScoped
public class EquipmentService {

    @Inject
    EntityManager em;

    @Inject
    RequestValidator validator;

    @Inject
    FacilityService facilities;

    @Inject
    Caller caller;

    public record Filter(UUID facilityId, UUID centreId, String category, String q) {
    }

    @Transactional
    public Equipment get(UUID id) {
        Equipment e = Equipment.findById(id);
        if (e == null) {
            throw ProblemException.notFound("No equipment " + id);
        }
        return e;
    }

    @Transactional
    public PageResponse<EquipmentView> list(Filter f, PageRequest page) {
        SqlFilter sql = new SqlFilter("equipment e JOIN facility f ON f.id = e.facility_id")
                .and("e.facility_id = :facilityId", "facilityId", f.facilityId())
                .and("f.centre_id = :centreId", "centreId", f.centreId())
                .and("lower(e.category) = lower(:category)", "category", f.category())
                .and("e.search_vector @@ catalogue_tsquery(:q)", "q", f.q());
        String order = f.q() == null ? "e.name, e.id"
                : "ts_rank(e.search_vector, catalogue_tsquery(:q)) DESC, e.name, e.id";
        return sql.page(em, "e.*", Equipment.class, order, page, list -> list.stream().map(EquipmentView::of).toList());
    }

    @Transactional
    public Equipment create(EquipmentInput in) {
        validate(in);
        Facility facility = facilityFor(in.facilityId());
        caller.requireCentreWriter(centreCode(facility));
        Equipment e = Equipment.create(in);
        e.persist();
        PersistenceErrors.flush(em, "duplicate", "The equipment already exists");
        return e;
    }

    @Transactional
    public Equipment update(UUID id, String ifMatch, EquipmentInput in) {
        // Row-locked: concurrent updates serialise, so only a stale If-Match fails (412).
        Equipment e = Equipment.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            throw ProblemException.notFound("No equipment " + id);
        }
        validate(in);
        Facility current = facilities.find(e.facilityId);
        caller.requireCentreWriter(centreCode(current));
        if (!in.facilityId().equals(e.facilityId)) {
            caller.requireCentreWriter(centreCode(facilityFor(in.facilityId())));
        }
        ETags.check(ifMatch, e.version, false);
        e.apply(in);
        PersistenceErrors.flush(em, "duplicate", "The equipment already exists");
        return e;
    }

    private void validate(EquipmentInput in) {
        FieldErrors errors = validator.check(in);
        in.check(errors);
        errors.throwIfAny();
    }

    private Facility facilityFor(UUID facilityId) {
        Facility facility = facilities.find(facilityId);
        if (facility == null) {
            throw ProblemException.unprocessable("facility-not-found",
                    "No facility " + facilityId + " to hold the equipment").with("facilityId", facilityId.toString());
        }
        return facility;
    }

    private String centreCode(Facility facility) {
        Centre centre = Centre.findById(facility.centreId);
        return centre.code;
    }
}
