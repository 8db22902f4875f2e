package no.katapult.registry.centre;

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
import no.katapult.registry.Tags;
import no.katapult.common.persistence.SqlFilter;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Rules and transactions for centres and nodes. */
@ApplicationScoped
public class CentreService {

    static final String CREATED = "no.katapult.centre.created";
    static final String UPDATED = "no.katapult.centre.updated";

    @Inject
    EntityManager em;

    @Inject
    CatalogueWrites writes;

    @Inject
    Clock clock;

    public record Filter(CentreKind kind, String focusArea, String county, CentreStatus status, String code, String q) {
    }

    public Centre get(UUID id) {
        return Centre.<Centre>findByIdOptional(id).orElseThrow(() -> notFound(id));
    }

    /** For rules elsewhere that refer to a centre: absence is then the caller's 422, not a 404. */
    public Centre find(UUID id) {
        return id == null ? null : Centre.findById(id);
    }

    @Transactional
    public PageResponse<CentreView> list(Filter f, PageRequest page) {
        return new SqlFilter("centre c")
                .and("c.kind = :kind", "kind", f.kind() == null ? null : f.kind().name())
                .and("c.focus_areas @> ARRAY[CAST(:focusArea AS text)]", "focusArea",
                        f.focusArea() == null ? null : Tags.normalise(f.focusArea()))
                .and("lower(c.county) = lower(:county)", "county", f.county())
                .and("c.status = :status", "status", f.status() == null ? null : f.status().name())
                .and("c.code = :code", "code", f.code())
                .search("c.search_vector", "catalogue_tsquery", f.q())
                .page(em, "c.*", Centre.class, "c.name, c.id", page, list -> list.stream().map(CentreView::of).toList());
    }

    @Transactional
    public Centre create(CentreRequest in) {
        writes.validate(in, in::check);
        return insert(UUID.randomUUID(), in);
    }

    /** A create at a client-chosen id (PUT with If-None-Match: *); 412 when a centre has that id. */
    @Transactional
    public Centre create(UUID id, CentreRequest in) {
        writes.validate(in, in::check);
        writes.claimId(id, "Centre", () -> Centre.findById(id) != null);
        return insert(id, in);
    }

    private Centre insert(UUID id, CentreRequest in) {
        checkCodeFree(in.code(), null);
        checkParent(null, in);
        Centre c = Centre.create(id, in, OffsetDateTime.now(clock));
        c.persist();
        PersistenceErrors.flush(em, "duplicate-code", duplicateCode(in.code()));
        publish(CREATED, c);
        return c;
    }

    @Transactional
    public Centre update(UUID id, String ifMatch, CentreRequest in) {
        // Bad input is refused before the lock: it must never hold a row lock or a connection (issue 11).
        writes.validate(in, in::check);
        // Row-locked, so concurrent updates run one after the other: each checks If-Match against the
        // version the previous one committed, and an update without If-Match never loses a race.
        Centre c = Centre.<Centre>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> notFound(id));
        ETags.check(ifMatch, c.version, false);
        checkCodeFree(in.code(), id);
        checkParent(c, in);
        if (c.kind == CentreKind.NATIONAL_CENTRE && in.kind() == CentreKind.NODE
                && Centre.count("parentCentreId", id) > 0) {
            throw ProblemException.unprocessable("centre-has-nodes",
                    "A national centre with nodes cannot become a node; move its nodes first");
        }
        c.apply(in, OffsetDateTime.now(clock));
        PersistenceErrors.flush(em, "duplicate-code", duplicateCode(in.code()));
        // Every accepted PUT is an event, even one that changed nothing: one request, one event.
        publish(UPDATED, c);
        return c;
    }

    private void publish(String type, Centre c) {
        writes.publish(type, "centres/" + c.id, CentreView.of(c));
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No centre " + id);
    }

    private void checkCodeFree(String code, UUID self) {
        long taken = self == null ? Centre.count("code", code) : Centre.count("code = ?1 and id <> ?2", code, self);
        if (taken > 0) {
            throw ProblemException.conflict("duplicate-code", duplicateCode(code)).with(ProblemMember.CODE, code);
        }
    }

    private static String duplicateCode(String code) {
        return "A centre with code '" + code + "' already exists";
    }

    // Nodes hang under national centres only, so the hierarchy is one level deep and has no cycles.
    private void checkParent(Centre self, CentreRequest in) {
        if (in.parentCentreId() == null) {
            return;
        }
        if (self != null && in.parentCentreId().equals(self.id)) {
            throw ProblemException.unprocessable("invalid-parent-centre", "A centre cannot be its own parent");
        }
        Centre parent = find(in.parentCentreId());
        if (parent == null) {
            throw ProblemException.unprocessable("parent-centre-not-found",
                    "No centre " + in.parentCentreId() + " to be the parent");
        }
        if (parent.kind != CentreKind.NATIONAL_CENTRE) {
            throw ProblemException.unprocessable("invalid-parent-centre",
                    "The parent of a node must be a national centre; '" + parent.code + "' is a node");
        }
    }
}
