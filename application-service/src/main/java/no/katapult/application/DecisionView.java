package no.katapult.application;

import no.katapult.common.time.Clocks;
import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

@Schema(name = "Decision")
public record DecisionView(ApplicationStatus outcome, Money grantedAmount, String conditions, String justification,
                           OffsetDateTime decidedAt) {

    /** The decision of an application, or null while undecided. */
    static DecisionView of(Application a) {
        if (a.decisionOutcome == null) {
            return null;
        }
        return new DecisionView(a.decisionOutcome, a.grantedAmount == null ? null : Money.nok(a.grantedAmount),
                a.decisionConditions, a.decisionJustification, Clocks.inOslo(a.decidedAt));
    }
}
