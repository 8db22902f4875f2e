package no.katapult.application.call;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import no.katapult.common.http.ETags;
import no.katapult.common.money.Money;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.problem.FieldErrors;
import no.katapult.common.problem.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import no.katapult.common.problem.ProblemMember;

@ApplicationScoped
public class CallService {

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    public Instant now() {
        return clock.instant();
    }

    @Transactional
    public CallView read(UUID id) {
        return CallView.of(get(id), now());
    }

    @Transactional
    public PageResponse<CallView> listViews(CallState state, PageRequest page) {
        Instant now = now();
        return list(state, page).map(c -> CallView.of(c, now));
    }

    public FundingCall get(UUID id) {
        FundingCall call = FundingCall.findById(id);
        if (call == null) {
            throw ProblemException.notFound("No call " + id);
        }
        return call;
    }

    /** Locks the call row until the transaction ends: decisions and budget edits take turns here. */
    @Transactional(Transactional.TxType.MANDATORY)
    public FundingCall lock(UUID id) {
        FundingCall call = em.find(FundingCall.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (call == null) {
            throw ProblemException.notFound("No call " + id);
        }
        return call;
    }

    public PageResponse<FundingCall> list(CallState state, PageRequest page) {
        String query = "1 = 1";
        Parameters params = new Parameters();
        if (state != null) {
            params.and("now", OffsetDateTime.ofInstant(now(), clock.getZone()));
            query = switch (state) {
                case UPCOMING -> "opensAt > :now";
                case OPEN -> "opensAt <= :now and closesAt > :now";
                case CLOSED -> "closesAt <= :now";
            };
        }
        var found = FundingCall.<FundingCall>find(query, Sort.descending("opensAt").and("id"), params);
        long total = found.count();
        List<FundingCall> items = found.page(Page.of(page.page(), page.size())).list();
        return PageResponse.of(items, page, total);
    }

    @Transactional
    public CallView create(CallRequest body) {
        validate(body);
        FundingCall call = new FundingCall();
        call.id = UUID.randomUUID();
        call.createdAt = OffsetDateTime.now(clock);
        apply(call, body);
        call.persistAndFlush();
        return CallView.of(call, now());
    }

    @Transactional
    public CallView update(UUID id, CallRequest body, String ifMatch) {
        FundingCall call = lock(id);
        ETags.check(ifMatch, call.version, false);
        validate(body);
        if (body.budget().amount().compareTo(call.grantedTotal) < 0) {
            throw ProblemException.unprocessable("budget-below-granted",
                            "The budget cannot be lower than the amount already granted in this call ("
                                    + Money.nok(call.grantedTotal).amount() + " NOK)")
                    .with(ProblemMember.GRANTED_TOTAL, Money.nok(call.grantedTotal));
        }
        if (!sameCriteria(call.criteria, body.criteria()) && hasReviews(id)) {
            throw ProblemException.conflict("criteria-locked",
                    "The criteria cannot change once reviews have been written against them");
        }
        apply(call, body);
        em.flush();
        return CallView.of(call, now());
    }

    private boolean hasReviews(UUID callId) {
        Number n = (Number) em.createNativeQuery("SELECT count(*) FROM review r JOIN application a ON a.id = r.application_id "
                + "WHERE a.call_id = ?1").setParameter(1, callId).getSingleResult();
        return n.longValue() > 0;
    }

    private void apply(FundingCall call, CallRequest body) {
        call.title = body.title().trim();
        call.description = body.description();
        call.kind = body.kind();
        call.opensAt = body.opensAt();
        call.closesAt = body.closesAt();
        call.budget = Money.nok(body.budget().amount()).amount();
        call.maxAmountPerApplication = Money.nok(body.maxAmountPerApplication().amount()).amount();
        call.criteria.clear();
        body.criteria().forEach(c -> call.criteria.add(c.toEntity()));
        call.updatedAt = OffsetDateTime.now(clock);
    }

    private static boolean sameCriteria(List<CallCriterion> current, List<Criterion> wanted) {
        if (current.size() != wanted.size()) {
            return false;
        }
        for (int i = 0; i < current.size(); i++) {
            CallCriterion c = current.get(i);
            Criterion w = wanted.get(i);
            if (!c.code.equals(w.code()) || c.weight.compareTo(w.weight()) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Rules across fields, all reported at once. */
    private static void validate(CallRequest body) {
        FieldErrors errors = new FieldErrors();
        if (!body.closesAt().isAfter(body.opensAt())) {
            errors.add("closesAt", "must be after opensAt");
        }
        if (body.budget().amount().signum() <= 0) {
            errors.add("budget.amount", "must be greater than 0");
        }
        if (body.maxAmountPerApplication().amount().signum() <= 0) {
            errors.add("maxAmountPerApplication.amount", "must be greater than 0");
        } else if (body.maxAmountPerApplication().amount().compareTo(body.budget().amount()) > 0) {
            errors.add("maxAmountPerApplication.amount", "must not exceed the budget");
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < body.criteria().size(); i++) {
            if (!codes.add(body.criteria().get(i).code())) {
                errors.add("criteria[" + i + "].code", "duplicates an earlier criterion");
            }
        }
        errors.throwIfAny();
    }
}
