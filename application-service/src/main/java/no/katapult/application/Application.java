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

    @Column(nullable = false, updatable = false)
    public UUID callId;

    public String title;

    public String summary;

    public String focusArea;

    @Column(nullable = false, updatable = false)
    public String leadOrgNo;

    public String leadName;

    public String contactName;

    public String contactEmail;

    @ElementCollection
    @CollectionTable(name = "application_partner", joinColumns = @JoinColumn(name = "application_id"))
    @OrderColumn(name = "position")
    public List<ApplicationPartner> partners = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "application_budget_line", joinColumns = @JoinColumn(name = "application_id"))
    @OrderColumn(name = "position")
    public List<ApplicationBudgetLine> budgetLines = new ArrayList<>();

    public BigDecimal requestedAmount;

    @Column(nullable = false)
    public BigDecimal ownFunding = BigDecimal.ZERO;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ApplicationStatus status;

    @Enumerated(EnumType.STRING)
    public ApplicationStatus decisionOutcome;

    public BigDecimal grantedAmount;

    public String decisionConditions;

    public String decisionJustification;

    public OffsetDateTime decidedAt;

    public String decidedBy;

    public OffsetDateTime submittedAt;

    /** The submitter and their token's e-mail and locale at submit (V4), for event-hub's mails. */
    public String submittedBy;

    public String submittedByEmail;

    public String submittedByLocale;

    @Column(nullable = false, updatable = false)
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
