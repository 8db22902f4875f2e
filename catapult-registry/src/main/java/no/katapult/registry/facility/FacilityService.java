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
import no.katapult.common.security.Caller;
import no.katapult.registry.CatalogueWrites;
import no.katapult.registry.Tags;
import no.katapult.registry.centre.Centre;
import no.katapult.registry.centre.CentreService;
import no.katapult.common.persistence.SqlFilter;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Rules and transactions for facilities. */
@ApplicationScoped
public class FacilityService {

    static final String CREATED = "no.katapult.facility.created";
    static final String UPDATED = "no.katapult.facility.updated";

    @Inject
    EntityManager em;

    @Inject
    CatalogueWrites writes;

    @Inject
    CentreService centres;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    public record Filter(UUID centreId, FacilityType type, String county, String capability, String q, Boolean active) {
    }

    /** For rules elsewhere that refer to a facility: absence is then the caller's 422, not a 404. */
    Facility find(UUID id) {
        return id == null ? null : Facility.findById(id);
    }

    @Transactional
    public FacilityView view(UUID id) {
        return views(List.of(Facility.<Facility>findByIdOptional(id).orElseThrow(() -> notFound(id)))).get(0);
    }

    @Transactional
    public PageResponse<FacilityView> list(Filter f, PageRequest page) {
        return new SqlFilter("facility f JOIN centre c ON c.id = f.centre_id")
                .and("f.centre_id = :centreId", "centreId", f.centreId())
                .and("f.type = :type", "type", f.type() == null ? null : f.type().name())
                // A facility without its own address is where its centre is.
                .and("lower(coalesce(f.county, c.county)) = lower(:county)", "county", f.county())
                // A capability of any of its equipment is a capability of the facility.
                .and("(f.capabilities @> ARRAY[CAST(:capability AS text)] OR EXISTS (SELECT 1 FROM equipment e"
                                + " WHERE e.facility_id = f.id AND e.capabilities @> ARRAY[CAST(:capability AS text)]))",
                        "capability", f.capability() == null ? null : Tags.normalise(f.capability()))
                .and("f.active = :active", "active", f.active())
                .search("f.search_vector", "catalogue_tsquery", f.q())
                .page(em, "f.*", Facility.class, "f.name, f.id", page, this::views);
    }

    @Transactional
    public FacilityView create(FacilityRequest in) {
        return insert(UUID.randomUUID(), in, writes.validateAndParse(in, in::check));
    }

    /** A create at a client-chosen id (PUT with If-None-Match: *); 412 when a facility has that id. */
    @Transactional
    public FacilityView create(UUID id, FacilityRequest in) {
        Map<String, List<TimeInterval>> hours = writes.validateAndParse(in, in::check);
        writes.claimId(id, "Facility", () -> Facility.findById(id) != null);
        return insert(id, in, hours);
    }

    private FacilityView insert(UUID id, FacilityRequest in, Map<String, List<TimeInterval>> hours) {
        Centre centre = centreFor(in.centreId());
        requireStaff(centre);
        if (centre.isPhasedOut()) {
            throw phasedOut(centre);
        }
        Facility f = Facility.create(id, in, hours, OffsetDateTime.now(clock));
        f.persist();
        PersistenceErrors.flush(em, "duplicate", "The facility already exists");
        return publish(CREATED, f);
    }

    @Transactional
    public FacilityView update(UUID id, String ifMatch, FacilityRequest in) {
        // Bad input is refused before the lock: it must never hold a row lock or a connection (issue 11).
        Map<String, List<TimeInterval>> hours = writes.validateAndParse(in, in::check);
        // Row-locked: concurrent updates serialise, so only a stale If-Match fails (412).
        Facility f = Facility.<Facility>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> notFound(id));
        Centre current = centres.find(f.centreId);
        requireStaff(current);
        Centre target = in.centreId().equals(f.centreId) ? current : centreFor(in.centreId());
        if (target != current) {
            requireStaff(target);
        }
        ETags.check(ifMatch, f.version, false);
        // Staff may still wind down a facility of a phased-out centre, but not keep or put one in service there.
        if (target.isPhasedOut() && (target != current || in.active())) {
            throw phasedOut(target);
        }
        f.apply(in, hours, OffsetDateTime.now(clock));
        PersistenceErrors.flush(em, "duplicate", "The facility already exists");
        // Every accepted PUT is an event, even one that changed nothing: one request, one event.
        return publish(UPDATED, f);
    }

    private FacilityView publish(String type, Facility f) {
        FacilityView view = views(List.of(f)).get(0);
        writes.publish(type, "facilities/" + f.id, view);
        return view;
    }

    /** Catalogue writes: siva-admin anywhere, a centre-operator only at its own centre. */
    void requireStaff(Centre centre) {
        if (!caller.staffs(centre.code)) {
            throw ProblemException.forbidden("Only siva-admin or an operator of centre '" + centre.code
                    + "' may change its catalogue");
        }
    }

    /** The same for what belongs to a facility: staff of the facility's centre. */
    void requireStaff(Facility facility) {
        requireStaff(centres.find(facility.centreId));
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No facility " + id);
    }

    private Centre centreFor(UUID centreId) {
        Centre centre = centres.find(centreId);
        if (centre == null) {
            throw ProblemException.unprocessable("centre-not-found", "No centre " + centreId + " to hold the facility")
                    .with(ProblemMember.CENTRE_ID, centreId.toString());
        }
        return centre;
    }

    private static ProblemException phasedOut(Centre centre) {
        return ProblemException.unprocessable("centre-phased-out",
                "Centre '" + centre.code + "' is phased out and cannot hold active facilities")
                .with(ProblemMember.CENTRE_ID, centre.id.toString());
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
