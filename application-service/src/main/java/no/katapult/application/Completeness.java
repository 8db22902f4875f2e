package no.katapult.application;

import no.katapult.common.money.Money;
import no.katapult.common.problem.Problem.FieldError;
import no.katapult.common.problem.ProblemException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a draft needs before it can be submitted: a title, a summary, at least one budget line, a requested
 * amount above 0 and within the call's maximum, budget lines that add up to requested amount plus own
 * funding, and a PROJECT_DESCRIPTION attachment. Every gap is reported at once, so the applicant can fix them
 * in one go.
 */
public final class Completeness {

    private Completeness() {
    }

    /**
     * Every reason {@code a}, with attachments of the kinds {@code attached}, cannot be submitted to a call granting
     * at most {@code maxPerApplication}; empty when complete.
     */
    public static List<FieldError> gaps(Application a, BigDecimal maxPerApplication, Set<AttachmentKind> attached) {
        List<FieldError> gaps = new ArrayList<>();
        if (isBlank(a.title)) {
            gaps.add(new FieldError("title", "is required"));
        }
        if (isBlank(a.summary)) {
            gaps.add(new FieldError("summary", "is required"));
        }
        if (a.budgetLines.isEmpty()) {
            gaps.add(new FieldError("budgetLines", "at least one budget line is required"));
        }
        if (a.requestedAmount == null) {
            gaps.add(new FieldError("requestedAmount", "is required"));
        } else if (a.requestedAmount.signum() <= 0) {
            gaps.add(new FieldError("requestedAmount", "must be greater than 0"));
        } else if (a.requestedAmount.compareTo(maxPerApplication) > 0) {
            gaps.add(new FieldError("requestedAmount", "must not exceed the call's maximum of "
                    + nok(maxPerApplication) + " NOK per application"));
        }
        if (!a.budgetLines.isEmpty() && a.requestedAmount != null) {
            BigDecimal lines = a.budgetLines.stream().map(l -> l.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal funding = a.requestedAmount.add(a.ownFunding == null ? BigDecimal.ZERO : a.ownFunding);
            if (lines.compareTo(funding) != 0) {
                gaps.add(new FieldError("budgetLines", "the budget lines sum to " + nok(lines)
                        + " NOK, but requestedAmount + ownFunding is " + nok(funding) + " NOK"));
            }
        }
        if (!attached.contains(AttachmentKind.PROJECT_DESCRIPTION)) {
            gaps.add(new FieldError("attachments", "a PROJECT_DESCRIPTION is required: POST it to "
                    + "/api/v1/applications/" + a.id + "/attachments with kind=PROJECT_DESCRIPTION"));
        }
        return gaps;
    }

    /** 422 incomplete-application listing every gap, unless there is none. */
    public static void require(Application a, BigDecimal maxPerApplication, Set<AttachmentKind> attached) {
        List<FieldError> gaps = gaps(a, maxPerApplication, attached);
        if (!gaps.isEmpty()) {
            throw new ProblemException(422, "incomplete-application", "Application incomplete",
                    "The application cannot be submitted: " + gaps.size()
                            + (gaps.size() == 1 ? " item is" : " items are") + " missing or wrong", gaps);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String nok(BigDecimal amount) {
        return Money.nok(amount).amount().toPlainString();
    }
}
