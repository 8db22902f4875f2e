package no.katapult.application.decision;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import no.katapult.application.Application;
import no.katapult.application.ApplicationAccess;
import no.katapult.application.ApplicationEvents;
import no.katapult.application.ApplicationStatus;
import no.katapult.application.ApplicationView;
import no.katapult.application.Transition;
import no.katapult.application.call.CallService;
import no.katapult.application.call.FundingCall;
import no.katapult.application.history.History;
import no.katapult.application.history.HistoryAction;
import no.katapult.common.http.ETags;
import no.katapult.common.money.Money;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemMember;
import no.katapult.common.security.Caller;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Decisions. The call row is locked (SELECT ... FOR UPDATE) before the application, so racing decisions
 * in one call take turns and each sees the granted total the previous one left: the budget holds.
 */
@ApplicationScoped
public class DecisionService {

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    ApplicationAccess access;

    @Inject
    CallService calls;

    @Inject
    History history;

    @Inject
    ApplicationEvents events;

    @Transactional
    public ApplicationView decide(UUID applicationId, DecisionRequest body, String ifMatch) {
        @SuppressWarnings("unchecked")
        List<UUID> callIds = em.createNativeQuery("SELECT call_id FROM application WHERE id = ?1")
                .setParameter(1, applicationId).getResultList();
        if (callIds.isEmpty()) {
            throw ApplicationAccess.notFound(applicationId);
        }
        FundingCall call = calls.lock(callIds.get(0));
        Application a = access.requireFullLocked(applicationId);
        ETags.check(ifMatch, a.version, false);
        Transition.DECIDE.requireFrom(a.status);

        BigDecimal granted = null;
        if (body.outcome() == Outcome.APPROVED) {
            if (body.grantedAmount() == null) {
                throw ProblemException.badRequest("grantedAmount", "is required for an approval");
            }
            granted = Money.nok(body.grantedAmount().amount()).amount();
            if (granted.signum() <= 0) {
                throw ProblemException.badRequest("grantedAmount.amount", "must be greater than 0 for an approval");
            }
            if (a.requestedAmount == null || granted.compareTo(a.requestedAmount) > 0) {
                throw ProblemException.unprocessable("granted-exceeds-requested",
                                "The granted amount " + granted.toPlainString() + " NOK exceeds the requested amount "
                                        + (a.requestedAmount == null ? "0" : a.requestedAmount.toPlainString()) + " NOK")
                        .with(ProblemMember.REQUESTED_AMOUNT, a.requestedAmount == null ? Money.zero() : Money.nok(a.requestedAmount));
            }
            if (granted.compareTo(call.remainingBudget()) > 0) {
                throw ProblemException.unprocessable("budget-exceeded",
                                "Granting " + granted.toPlainString() + " NOK would exceed the call's budget: only "
                                        + Money.nok(call.remainingBudget()).amount().toPlainString() + " NOK remains")
                        .with(ProblemMember.REMAINING_BUDGET, Money.nok(call.remainingBudget()))
                        .with(ProblemMember.BUDGET, Money.nok(call.budget))
                        .with(ProblemMember.GRANTED_TOTAL, Money.nok(call.grantedTotal));
            }
        } else if (body.grantedAmount() != null && body.grantedAmount().amount().signum() != 0) {
            throw ProblemException.badRequest("grantedAmount", "must be empty for a rejection");
        }

        OffsetDateTime now = OffsetDateTime.now(clock);
        ApplicationStatus from = a.move(Transition.DECIDE, body.outcome().status(), now);
        a.decisionOutcome = a.status;
        a.grantedAmount = granted;
        a.decisionConditions = body.conditions() == null || body.conditions().isBlank() ? null : body.conditions().trim();
        a.decisionJustification = body.justification().trim();
        a.decidedAt = now;
        a.decidedBy = caller.username();
        if (granted != null) {
            call.grantedTotal = call.grantedTotal.add(granted);
            call.updatedAt = now;
        }
        history.record(a.id, caller.username(), HistoryAction.DECIDE, from, a.status,
                (granted == null ? "" : "Granted " + granted.toPlainString() + " NOK. ") + a.decisionJustification);
        em.flush();
        return events.decided(a, call.title);
    }
}
