package no.katapult.application;

import no.katapult.common.time.Clocks;
import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "Application", extensions = @Extension(name = "x-event-data", value = "true", parseValue = true), description = "A consortium application, as its applicants, assigned reviewers and "
        + "siva-admin see it")
public record ApplicationView(
        UUID id,
        @Schema(examples = "KAT-2026-0007") String reference,
        UUID callId,
        String title,
        String summary,
        String focusArea,
        LeadApplicantView leadApplicant,
        ContactPerson contactPerson,
        List<ConsortiumPartner> partners,
        List<BudgetLine> budgetLines,
        Money requestedAmount,
        Money ownFunding,
        ApplicationStatus status,
        @Schema(description = "Present once decided") DecisionView decision,
        OffsetDateTime submittedAt,
        @Schema(description = "Present once submitted") Submitter submittedBy,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static ApplicationView of(Application a) {
        return new ApplicationView(a.id, a.reference, a.callId, a.title, a.summary, a.focusArea,
                LeadApplicantView.of(a), ContactPerson.of(a),
                a.partners.stream().map(ConsortiumPartner::of).toList(),
                a.budgetLines.stream().map(BudgetLine::of).toList(),
                a.requestedAmount == null ? null : Money.nok(a.requestedAmount),
                Money.nok(a.ownFunding == null ? BigDecimal.ZERO : a.ownFunding),
                a.status, DecisionView.of(a), Clocks.inOslo(a.submittedAt), Submitter.of(a), a.version, Clocks.inOslo(a.createdAt),
                Clocks.inOslo(a.updatedAt));
    }
}
