package no.katapult.application.application;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.katapult.common.money.Money;
import no.katapult.common.orgno.OrgNo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static no.katapult.application.call.CallDtos.oslo;

/** Request and response shapes of the applications API. */
public final class ApplicationDtos {
    private ApplicationDtos() {
    }

    @Schema(name = "LeadApplicant", description = "The lead organisation: the org_no of the token that created the application")
    public record LeadApplicantDto(@Schema(examples = "930000019") String orgNo,
                                   @Schema(description = "From the registry's organisation record, when known") String name) {
    }

    @Schema(name = "ContactPerson")
    public record ContactPersonDto(
            @Size(max = 200) @Schema(examples = "Siri Nilsen") String name,
            @Email @Size(max = 320) @Schema(examples = "siri.nilsen@example.no") String email) {
    }

    @Schema(name = "ConsortiumPartner")
    public record PartnerDto(
            @NotNull @OrgNo @Schema(examples = "930000027", required = true) String orgNo,
            @NotBlank @Size(max = 200) @Schema(examples = "Media City Bergen (demo)", required = true) String name,
            @Size(max = 200) @Schema(examples = "Partner: medieteknologi og testfasiliteter") String role) {

        static PartnerDto of(Partner p) {
            return new PartnerDto(p.orgNo, p.name, p.role);
        }
    }

    @Schema(name = "BudgetLine")
    public record BudgetLineDto(
            @NotNull @Schema(required = true) BudgetCategory category,
            @Size(max = 500) @Schema(examples = "Prosjektleder, 4 månedsverk") String description,
            @NotNull @Valid @Schema(required = true) Money amount) {

        static BudgetLineDto of(BudgetLine l) {
            return new BudgetLineDto(l.category, l.description, Money.nok(l.amount));
        }
    }

    @Schema(name = "ApplicationRequest", description = "An application as the lead applicant writes it. The lead is "
            + "always the caller's organisation (token claim org_no): `leadApplicant` and other read-only members in "
            + "the body are ignored. Only `callId` is needed to create a draft; the rest is checked at submit.")
    @JsonIgnoreProperties(value = {"leadApplicant", "id", "reference", "status", "decision", "version", "createdAt",
            "updatedAt", "submittedAt"}, ignoreUnknown = true)
    public record ApplicationRequest(
            @Schema(description = "The call; required on create, and cannot change later") UUID callId,
            @Size(max = 300) String title,
            @Size(max = 20000) String summary,
            @Size(max = 200) String focusArea,
            @Valid ContactPersonDto contactPerson,
            @Size(max = 50) List<@NotNull @Valid PartnerDto> partners,
            @Size(max = 200) List<@NotNull @Valid BudgetLineDto> budgetLines,
            @Valid Money requestedAmount,
            @Valid @Schema(description = "Defaults to NOK 0") Money ownFunding) {
    }

    @Schema(name = "Decision")
    public record DecisionDto(ApplicationStatus outcome, Money grantedAmount, String conditions, String justification,
                              OffsetDateTime decidedAt) {
        static DecisionDto of(Application a) {
            if (a.decisionOutcome == null) {
                return null;
            }
            return new DecisionDto(a.decisionOutcome, a.grantedAmount == null ? null : Money.nok(a.grantedAmount),
                    a.decisionConditions, a.decisionJustification, oslo(a.decidedAt));
        }
    }

    @Schema(name = "Application", description = "A consortium application, as its applicants, assigned reviewers and "
            + "siva-admin see it")
    public record ApplicationView(
            UUID id,
            @Schema(examples = "KAT-2026-0007") String reference,
            UUID callId,
            String title,
            String summary,
            String focusArea,
            LeadApplicantDto leadApplicant,
            ContactPersonDto contactPerson,
            List<PartnerDto> partners,
            List<BudgetLineDto> budgetLines,
            Money requestedAmount,
            Money ownFunding,
            ApplicationStatus status,
            @Schema(description = "Present once decided") DecisionDto decision,
            OffsetDateTime submittedAt,
            long version,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        public static ApplicationView of(Application a) {
            return new ApplicationView(a.id, a.reference, a.callId, a.title, a.summary, a.focusArea,
                    new LeadApplicantDto(a.leadOrgNo, a.leadName),
                    a.contactName == null && a.contactEmail == null ? null
                            : new ContactPersonDto(a.contactName, a.contactEmail),
                    a.partners.stream().map(PartnerDto::of).toList(),
                    a.budgetLines.stream().map(BudgetLineDto::of).toList(),
                    a.requestedAmount == null ? null : Money.nok(a.requestedAmount),
                    Money.nok(a.ownFunding == null ? BigDecimal.ZERO : a.ownFunding),
                    a.status, DecisionDto.of(a), oslo(a.submittedAt), a.version, oslo(a.createdAt), oslo(a.updatedAt));
        }
    }

    @Schema(name = "PublicApplication", description = "The public outcome of a decided application, as partners such "
            + "as Innovasjon Norge see it: no budget, no reviews, no reviewer identities")
    public record PublicApplicationView(
            UUID id,
            String reference,
            UUID callId,
            String callTitle,
            String title,
            LeadApplicantDto leadApplicant,
            List<PartnerDto> partners,
            @Schema(description = "APPROVED or REJECTED") ApplicationStatus outcome,
            Money grantedAmount,
            OffsetDateTime decidedAt) {

        public static PublicApplicationView of(Application a, String callTitle) {
            return new PublicApplicationView(a.id, a.reference, a.callId, callTitle, a.title,
                    new LeadApplicantDto(a.leadOrgNo, a.leadName),
                    a.partners.stream().map(PartnerDto::of).toList(),
                    a.decisionOutcome, a.grantedAmount == null ? null : Money.nok(a.grantedAmount), oslo(a.decidedAt));
        }
    }

    @Schema(name = "ApplicationPage", description = "A page of applications. Partner-only callers get PublicApplication "
            + "items instead of Application items.")
    public record ApplicationPage(
            @Schema(description = "Application items (PublicApplication for partners)") List<ApplicationView> items,
            int page, int size, long total) {
    }

    @Schema(name = "WithdrawRequest", description = "Optional reason, kept in the history")
    public record WithdrawRequest(@Size(max = 2000) String comment) {
    }
}
