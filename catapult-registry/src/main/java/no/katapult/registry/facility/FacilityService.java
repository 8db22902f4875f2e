package no.katapult.registry.facility;

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
import no.katapult.registry.centre.CentreService;
import no.katapult.registry.equipment.Equipment;
import no.katapult.registry.equipment.EquipmentView;
import no.katapult.registry.shared.Caller;
import no.katapult.registry.shared.FieldErrors;
import no.katapult.registry.shared.PersistenceErrors;
import no.katapult.registry.shared.RequestValidator;
import no.katapult.registry.shared.SqlFilter;
import no.katapult.registry.shared.Tags;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Rules and transactions for facilities. */
@ApplicationScoped
public class FacilityService {

    @Inject
    EntityManager em;

    @Inject
    RequestValidator validator;

    @Inject
    CentreService centres;

    @Inject
    Caller caller;

    public record Filter(UUID centreId, FacilityType type, String county, String capability, String q, Boolean active) {
    }

    public Facility get(UUID id) {
        Facility f = Facility.findById(id);
        if (f == null) {
            throw ProblemException.notFound("No facility " + id);
        }
        return f;
    }

    /** For rules elsewhere that refer to a facility: absence is then the caller's 422, not a 404. */
    public Facility find(UUID id) {
        return id == null ? null : Facility.findById(id);
    }

    @Transactional
    public FacilityView view(UUID id) {
        return views(List.of(get(id))).get(0);
    }

    @Transactional
    public PageResponse<FacilityView> list(Filter f, PageRequest page) {
        SqlFilter sql = new SqlFilter("facility f JOIN centre c ON c.id = f.centre_id")
                .and("f.centre_id = :centreId", "centreId", f.centreId())
                .and("f.type = :type", "type", f.type() == null ? null : f.type().name())
                // A facility without its own address is where its centre is.
                .and("lower(coalesce(f.county, c.county)) = lower(:county)", "county", f.county())
                // A capability of any of its equipment is a capability of the facility.
                .and("(f.capabilities @> ARRAY[CAST(:capability AS text)] OR EXISTS (SELECT 1 FROM equipment e"
                                + " WHERE e.facility_id = f.id AND e.capabilities @> ARRAY[CAST(:capability AS text)]))",
                        "capability", f.capability() == null ? null : Tags.normalise(f.capability()))
                .and("f.search_vector @@ catalogue_tsquery(:q)", "q", f.q())
                .and("f.active = :active", "active", f.active());
        String order = f.q() == null ? "f.name, f.id"
                : "ts_rank(f.search_vector, catalogue_tsquery(:q)) DESC, f.name, f.id";
        return sql.page(em, "f.*", Facility.class, order, page, this::views);
    }

    @Transactional
    public FacilityView create(FacilityInput in) {
        Map<String, List<TimeInterval>> hours = validate(in);
        Centre centre = centreFor(in.centreId());
        caller.requireCentreWriter(centre.code);
        if (centre.isPhasedOut()) {
            throw phasedOut(centre);
        }
        Facility f = Facility.create(in, hours);
        f.persist();
        PersistenceErrors.flush(em, "duplicate", "The facility already exists");
        return views(List.of(f)).get(0);
    }

    @Transactional
    public FacilityView update(UUID id, String ifMatch, FacilityInput in) {
        // Row-locked: concurrent updates serialise, so only a stale If-Match fails (412).
        Facility f = Facility.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (f == null) {
            throw ProblemException.notFound("No facility " + id);
        }
        Map<String, List<TimeInterval>> hours = validate(in);
        Centre current = centres.find(f.centreId);
        caller.requireCentreWriter(current.code);
        Centre target = in.centreId().equals(f.centreId) ? current : centreFor(in.centreId());
        if (target != current) {
            caller.requireCentreWriter(target.code);
        }
        ETags.check(ifMatch, f.version, false);
        // Staff may still wind down a facility of a phased-out centre, but not keep or put one in service there.
        if (target.isPhasedOut() && (target != current || in.active())) {
            throw phasedOut(target);
        }
        f.apply(in, hours);
        PersistenceErrors.flush(em, "duplicate", "The facility already exists");
        return views(List.of(f)).get(0);
    }

    private Map<String, List<TimeInterval>> validate(FacilityInput in) {
        FieldErrors errors = validator.check(in);
        Map<String, List<TimeInterval>> hours = in.check(errors);
        errors.throwIfAny();
        return hours;
    }

    private Centre centreFor(UUID centreId) {
        Centre centre = centres.find(centreId);
        if (centre == null) {
            throw ProblemException.unprocessable("centre-not-found", "No centre " + centreId + " to hold the facility")
                    .with("centreId", centreId.toString());
        }
        return centre;
    }

    private static ProblemException phasedOut(Centre centre) {
        return ProblemException.unprocessable("centre-phased-out",
                "Centre '" + centre.code + "' is phased out and cannot hold active facilities")
                .with("centreId", centre.id.toString());
    }

    /** Facility views with their equipment and centre codes, in two queries for the whole page. */
    List<FacilityView> views(List<Facility> facilities) {
        if (facilities.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = facilities.stream().map(f -> f.id).toList();
        Map<UUID, List<EquipmentView>> equipment = Equipment.ofFacilities(ids).stream()
                .collect(Collectors.groupingBy(e -> e.facilityId, Collectors.mapping(EquipmentView::of, Collectors.toList())));
        Set<UUID> centreIds = facilities.stream().map(f -> f.centreId).collect(Collectors.toSet());
        Map<UUID, String> codes = new HashMap<>();
        em.createQuery("select c.id, c.code from Centre c where c.id in :ids", Object[].class)
                .setParameter("ids", centreIds)
                .getResultList()
                .forEach(row -> codes.put((UUID) row[0], (String) row[1]));
        return facilities.stream()
                .map(f -> FacilityView.of(f, codes.get(f.centreId), equipment.getOrDefault(f.id, List.of())))
                .toList();
    }
}
