package no.katapult.events.notification;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import no.katapult.common.events.EventEnvelope;
import no.katapult.events.EventLog;
import no.katapult.events.config.EventHubConfig;
import no.katapult.events.delivery.RetrySchedule;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The notification table: leasing due mails and recording what came of each attempt. */
@ApplicationScoped
public class NotificationStore {

    @Inject
    EntityManager em;

    @Inject
    EventLog log;

    @Inject
    EventHubConfig config;

    @Inject
    Clock clock;

    private RetrySchedule schedule;

    @PostConstruct
    void init() {
        schedule = new RetrySchedule(config.notifications().retrySchedule(), Duration.ZERO);
    }

    /** A leased mail with what writing and sending it needs; {@code event} is null when retention removed it. */
    public record Leased(long id, UUID token, int attempts, String recipient, MailKind kind, Language language,
                         String messageId, UUID eventId, EventEnvelope event) {
    }

    /** What came of one attempt: the mail was sent, or not (and whether trying again could help). */
    public enum Outcome { SENT, RETRYING, DEAD }

    /**
     * Leases up to {@code limit} due mails: PENDING, their time come, no live lease on them. Any number of
     * senders may run: SKIP LOCKED hands each mail to one, and the lease keeps it theirs until they record it.
     */
    @Transactional
    public List<Leased> lease(int limit) {
        OffsetDateTime now = now();
        UUID token = UUID.randomUUID();
        int leased = em.createNativeQuery("UPDATE notification SET leased_until = :until, lease_token = :token WHERE id IN ("
                        + "SELECT id FROM notification WHERE status = 'PENDING' AND next_attempt_at <= :now "
                        + "AND (leased_until IS NULL OR leased_until < :now) ORDER BY next_attempt_at, id LIMIT :limit "
                        + "FOR UPDATE SKIP LOCKED)")
                .setParameter("until", now.plus(config.notifications().lease())).setParameter("token", token)
                .setParameter("now", now).setParameter("limit", limit).executeUpdate();
        if (leased == 0) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, attempts, recipient, kind, language, message_id, event_id "
                        + "FROM notification WHERE lease_token = :token ORDER BY id")
                .setParameter("token", token).getResultList();
        Map<UUID, EventEnvelope> events = log.byIds(rows.stream().map(r -> (UUID) r[6]).distinct().toList()).stream()
                .collect(Collectors.toMap(EventEnvelope::id, Function.identity()));
        return rows.stream().map(r -> new Leased(((Number) r[0]).longValue(), token, ((Number) r[1]).intValue(),
                (String) r[2], MailKind.ofTemplate((String) r[3]), Language.ofTag((String) r[4]), (String) r[5],
                (UUID) r[6], events.get((UUID) r[6]))).toList();
    }

    /**
     * Records an attempt: sent; or failed and tried again after the schedule's next wait; or, after the last
     * attempt or a permanent refusal, DEAD. Nothing is recorded when the lease was lost meanwhile.
     */
    @Transactional
    public Outcome record(Leased n, String error, boolean permanent) {
        OffsetDateTime now = now();
        int attempt = n.attempts() + 1;
        Outcome outcome;
        int updated;
        if (error == null) {
            outcome = Outcome.SENT;
            updated = finish(n, "SENT", attempt, null, now);
        } else {
            Optional<Duration> wait = permanent ? Optional.empty() : schedule.nextWait(attempt, Optional.empty());
            if (wait.isPresent()) {
                outcome = Outcome.RETRYING;
                updated = em.createNativeQuery("UPDATE notification SET attempts = :attempts, next_attempt_at = :next, "
                                + "last_error = :error, leased_until = NULL, lease_token = NULL "
                                + "WHERE id = :id AND lease_token = :token AND status = 'PENDING'")
                        .setParameter("attempts", attempt).setParameter("next", now.plus(wait.get()))
                        .setParameter("error", cut(error)).setParameter("id", n.id()).setParameter("token", n.token())
                        .executeUpdate();
            } else {
                outcome = Outcome.DEAD;
                updated = finish(n, "DEAD", attempt, error, now);
            }
        }
        if (updated == 1) {
            em.createNativeQuery("INSERT INTO notification_attempt (notification_id, attempt, attempted_at, outcome, error) "
                            + "VALUES (:id, :attempt, :now, :outcome, :error)")
                    .setParameter("id", n.id()).setParameter("attempt", attempt).setParameter("now", now)
                    .setParameter("outcome", outcome.name()).setParameter("error", error == null ? null : cut(error))
                    .executeUpdate();
        }
        return outcome;
    }

    private int finish(Leased n, String status, int attempts, String error, OffsetDateTime now) {
        Query update = em.createNativeQuery("UPDATE notification SET status = :status, attempts = :attempts, "
                        + "completed_at = :now, " + (error == null ? "" : "last_error = :error, ")
                        + "leased_until = NULL, lease_token = NULL WHERE id = :id AND lease_token = :token AND status = 'PENDING'")
                .setParameter("status", status).setParameter("attempts", attempts).setParameter("now", now)
                .setParameter("id", n.id()).setParameter("token", n.token());
        if (error != null) {
            update.setParameter("error", cut(error));
        }
        return update.executeUpdate();
    }

    /** Notifications and attempts finished longer ago than the log keeps events. */
    @Transactional
    public int purge() {
        OffsetDateTime before = now().minus(config.retention());
        return em.createNativeQuery("DELETE FROM notification WHERE completed_at < :before")
                .setParameter("before", before).executeUpdate();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static String cut(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500);
    }
}
