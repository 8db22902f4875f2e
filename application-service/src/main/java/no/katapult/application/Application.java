package no.katapult.application;

import no.katapult.common.persistence.VersionedEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A consortium application to a call. The lead organisation comes from the creator's token. */
@Entity
@Table(name = "application")
public class Application extends VersionedEntity {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String reference;

    @Column(name = "call_id", nullable = false, updatable = false)
    public UUID callId;

    public String title;

    public String summary;

    @Column(name = "focus_area")
    public String focusArea;

    @Column(name = "lead_org_no", nullable = false, updatable = false)
    public String leadOrgNo;

    @Column(name = "lead_name")
    public String leadName;

    @Column(name = "contact_name")
    public String contactName;

    @Column(name = "contact_email")
    public String contactEmail;

    @ElementCollection
    @CollectionTable(name = "application_partner", joinColumns = @JoinColumn(name = "application_id"))
    @OrderColumn(name = "position")
    public List<ApplicationPartner> partners = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "application_budget_line", joinColumns = @JoinColumn(name = "application_id"))
    @OrderColumn(name = "position")
    public List<ApplicationBudgetLine> budgetLines = new ArrayList<>();

    @Column(name = "requested_amount")
    public BigDecimal requestedAmount;

    @Column(name = "own_funding", nullable = false)
    public BigDecimal ownFunding = BigDecimal.ZERO;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ApplicationStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "decision_outcome")
    public ApplicationStatus decisionOutcome;

    @Column(name = "granted_amount")
    public BigDecimal grantedAmount;

    @Column(name = "decision_conditions")
    public String decisionConditions;

    @Column(name = "decision_justification")
    public String decisionJustification;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;

    /** The submitter and their token's e-mail and locale at submit (V4), for event-hub's mails. */
    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "submitted_by_email")
    public String submittedByEmail;

    @Column(name = "submitted_by_locale")
    public String submittedByLocale;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;


    public boolean involves(String orgNo) {
        return orgNo != null && (orgNo.equals(leadOrgNo) || partners.stream().anyMatch(p -> orgNo.equals(p.orgNo)));
    }

    /** Moves to {@code to} when the transition allows it from the current status, else 409. */
    public ApplicationStatus move(Transition transition, ApplicationStatus to, OffsetDateTime at) {
        transition.requireFrom(status);
        if (!transition.to.contains(to)) {
            throw new IllegalArgumentException(transition + " cannot lead to " + to);
        }
        ApplicationStatus from = status;
        status = to;
        updatedAt = at;
        return from;
    }
}
