package no.katapult.application;

import no.katapult.common.time.Clocks;
import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "PublicApplication", extensions = @Extension(name = "x-event-data", value = "true", parseValue = true), description = "The public outcome of a decided application, as partners such "
        + "as Innovasjon Norge see it: no budget, no reviews, no reviewer identities")
public record PublicApplicationView(
        UUID id,
        String reference,
        UUID callId,
        String callTitle,
        String title,
        LeadApplicantView leadApplicant,
        List<ConsortiumPartner> partners,
        @Schema(description = "APPROVED or REJECTED") ApplicationStatus outcome,
        Money grantedAmount,
        OffsetDateTime decidedAt) {

    public static PublicApplicationView of(Application a, String callTitle) {
        return new PublicApplicationView(a.id, a.reference, a.callId, callTitle, a.title, LeadApplicantView.of(a),
                a.partners.stream().map(ConsortiumPartner::of).toList(),
                a.decisionOutcome, a.grantedAmount == null ? null : Money.nok(a.grantedAmount),
                Clocks.inOslo(a.decidedAt));
    }
}
