package no.katapult.application.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Appends to the audit trail inside the caller's transaction, so a trail line exists exactly when the change does. */
@ApplicationScoped
public class History {

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID applicationId, String actor, HistoryAction action, Enum<?> from, Enum<?> to, String comment) {
        HistoryEntry e = new HistoryEntry();
        e.applicationId = applicationId;
        e.at = OffsetDateTime.now(clock);
        e.actor = actor;
        e.action = action.name();
        e.fromStatus = from == null ? null : from.name();
        e.toStatus = to == null ? null : to.name();
        e.comment = comment;
        e.persist();
    }

    public List<HistoryEntry> of(UUID applicationId) {
        return HistoryEntry.list("applicationId = ?1 order by id", applicationId);
    }
}
