package no.katapult.registry.centre;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import no.katapult.common.http.ETags;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.problem.ProblemException;
import no.katapult.registry.shared.FieldErrors;
import no.katapult.registry.shared.PersistenceErrors;
import no.katapult.registry.shared.RequestValidator;
import no.katapult.registry.shared.SqlFilter;
import no.katapult.registry.shared.Tags;

import java.util.UUID;

/** Rules and transactions for centres and nodes. */
@ApplicationScoped
public class CentreService {

    @Inject
    EntityManager em;

    @Inject
    RequestValidator validator;

    public record Filter(CentreKind kind, String focusArea, String county, CentreStatus status, String code, String q) {
    }

    public Centre get(UUID id) {
        Centre c = Centre.findById(id);
        if (c == null) {
            throw ProblemException.notFound("No centre " + id);
        }
        return c;
    }

    /**
     * Loads and row-locks the centre, so concurrent updates run one after the other: each checks
     * If-Match against the version the previous one committed, and an update without If-Match never
     * fails on a lost race.
     */
    private Centre getForUpdate(UUID id) {
        Centre c = Centre.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            throw ProblemException.notFound("No centre " + id);
        }
        return c;
    }

    /** For rules elsewhere that refer to a centre: absence is then the caller's 422, not a 404. */
    public Centre find(UUID id) {
        return id == null ? null : Centre.findById(id);
    }

    @Transactional
    public PageResponse<CentreView> list(Filter f, PageRequest page) {
        SqlFilter sql = new SqlFilter("centre c")
                .and("c.kind = :kind", "kind", f.kind() == null ? null : f.kind().name())
                .and("c.focus_areas @> ARRAY[CAST(:focusArea AS text)]", "focusArea",
                        f.focusArea() == null ? null : Tags.normalise(f.focusArea()))
                .and("lower(c.county) = lower(:county)", "county", f.county())
                .and("c.status = :status", "status", f.status() == null ? null : f.status().name())
                .and("c.code = :code", "code", f.code())
                .and("c.search_vector @@ catalogue_tsquery(:q)", "q", f.q());
        String order = f.q() == null ? "c.name, c.id"
                : "ts_rank(c.search_vector, catalogue_tsquery(:q)) DESC, c.name, c.id";
        return sql.page(em, "c.*", Centre.class, order, page, list -> list.stream().map(CentreView::of).toList());
    }

    @Transactional
    public Centre create(CentreInput in) {
        validate(in);
        checkCodeFree(in.code(), null);
        checkParent(null, in);
        Centre c = Centre.create(in);
        c.persist();
        PersistenceErrors.flush(em, "duplicate-code", duplicateCode(in.code()));
        return c;
    }

    @Transactional
    public Centre update(UUID id, String ifMatch, CentreInput in) {
        Centre c = getForUpdate(id);
        validate(in);
        ETags.check(ifMatch, c.version, false);
        checkCodeFree(in.code(), id);
        checkParent(c, in);
        if (c.kind == CentreKind.NATIONAL_CENTRE && in.kind() == CentreKind.NODE
                && Centre.count("parentCentreId", id) > 0) {
            throw ProblemException.unprocessable("centre-has-nodes",
                    "A national centre with nodes cannot become a node; move its nodes first");
        }
        c.apply(in);
        PersistenceErrors.flush(em, "duplicate-code", duplicateCode(in.code()));
        return c;
    }

    private void validate(CentreInput in) {
        FieldErrors errors = validator.check(in);
        if (in.parentCentreId() != null && in.kind() == CentreKind.NATIONAL_CENTRE) {
            errors.add("parentCentreId", "only a NODE may name a parent centre");
        }
        errors.throwIfAny();
    }

    private void checkCodeFree(String code, UUID self) {
        long taken = self == null ? Centre.count("code", code) : Centre.count("code = ?1 and id <> ?2", code, self);
        if (taken > 0) {
            throw ProblemException.conflict("duplicate-code", duplicateCode(code)).with("code", code);
        }
    }

    private static String duplicateCode(String code) {
        return "A centre with code '" + code + "' already exists";
    }

    // Nodes hang under national centres only, so the hierarchy is one level deep and has no cycles.
    private void checkParent(Centre self, CentreInput in) {
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
