package no.katapult.application.review;

import no.katapult.application.ApplicationStatus;
import no.katapult.application.LeadApplicantView;
import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.UUID;

@Schema(name = "RankingEntry")
public record RankingEntryView(int rank, UUID applicationId, String reference, String title,
                               LeadApplicantView leadApplicant, ApplicationStatus status,
                               BigDecimal weightedTotal, int reviewCount, boolean disagreement,
                               Money requestedAmount, Money grantedAmount) {
}
