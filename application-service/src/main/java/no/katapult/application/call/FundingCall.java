package no.katapult.application.call;

import no.katapult.common.persistence.VersionedEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A funding call. Its state follows from the clock; its granted total never exceeds its budget. */
@Entity
@Table(name = "funding_call")
public class FundingCall extends VersionedEntity {

    @Id
    public UUID id;

    public String title;

    public String description;

    @Enumerated(EnumType.STRING)
    public CallKind kind;

    public OffsetDateTime opensAt;

    public OffsetDateTime closesAt;

    public BigDecimal budget;

    public BigDecimal maxAmountPerApplication;

    public BigDecimal grantedTotal = BigDecimal.ZERO;

    // Lazy on purpose: the call row is locked with SELECT ... FOR UPDATE, which must not join this table.
    @ElementCollection
    @CollectionTable(name = "call_criterion", joinColumns = @JoinColumn(name = "call_id"))
    @OrderColumn(name = "position")
    public List<CallCriterion> criteria = new ArrayList<>();


    public CallState stateAt(Instant now) {
        if (now.isBefore(opensAt.toInstant())) {
            return CallState.UPCOMING;
        }
        return now.isBefore(closesAt.toInstant()) ? CallState.OPEN : CallState.CLOSED;
    }

    public BigDecimal remainingBudget() {
        return budget.subtract(grantedTotal);
    }
}
