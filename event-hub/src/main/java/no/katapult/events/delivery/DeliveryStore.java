package no.katapult.events.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;
import no.katapult.common.events.EventEnvelope;
import no.katapult.events.Audience;
import no.katapult.events.EventLog;
import no.katapult.events.config.EventHubConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dispatcher's side of the delivery table: leases and outcomes. Safe with any number of dispatchers:
 * leasing locks rows with SKIP LOCKED and marks them with a token until a deadline; an outcome is written only
 * by the holder of the lease, so a dispatcher whose lease ran out (it was slow, or it died) changes nothing.
 */
@ApplicationScoped
public class DeliveryStore {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DeliveryStore.class);

    @Inject
    EntityManager em;

    @Inject
    EventLog log;

    @Inject
    Clock clock;

    @Inject
    EventHubConfig config;

    private RetrySchedule schedule;

    @jakarta.annotation.PostConstruct
    void init() {
        schedule = new RetrySchedule(config.delivery().retrySchedule(), config.delivery().retryAfterMax());
    }

    /** A leased delivery with what sending it needs; {@code event} is null when retention removed it. */
    public record Leased(long id, UUID token, OffsetDateTime until, int attempts, UUID subscription, String url,
                         String secret, Audience audience, UUID eventId, String eventType, EventEnvelope event) {
    }

    /**
     * Leases up to {@code limit} due deliveries of ACTIVE subscriptions. A delivery is due when its time has
     * come, no live lease holds it, and no earlier delivery of the same subscription and subject is still
     * PENDING: one subject's events go out one at a time, in order.
     */
    @Transactional
    public List<Leased> lease(int limit) {
        OffsetDateTime now = FanOut.now(clock);
        UUID token = UUID.randomUUID();
        OffsetDateTime until = now.plus(config.delivery().lease());
        int leased = em.createNativeQuery("UPDATE delivery SET leased_until = :until, lease_token = :token WHERE id IN ("
                        + "SELECT d.id FROM delivery d JOIN subscription s ON s.id = d.subscription_id "
                        + "WHERE d.status = 'PENDING' AND s.status = 'ACTIVE' AND d.next_attempt_at <= :now "
                        + "AND (d.leased_until IS NULL OR d.leased_until < :now) "
                        + "AND NOT EXISTS (SELECT 1 FROM delivery b WHERE b.subscription_id = d.subscription_id "
                        + "AND b.subject = d.subject AND b.status = 'PENDING' AND b.id < d.id) "
                        + "ORDER BY d.id LIMIT :limit FOR UPDATE OF d SKIP LOCKED)")
                .setParameter("until", until).setParameter("token", token)
                .setParameter("now", now).setParameter("limit", limit).executeUpdate();
        if (leased == 0) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT d.id, d.attempts, s.id AS subscription, s.url, s.secret, "
                        + "s.audience, d.event_id, d.event_type FROM delivery d JOIN subscription s ON s.id = d.subscription_id "
                        + "WHERE d.lease_token = :token ORDER BY d.id")
                .setParameter("token", token).getResultList();
        Map<UUID, EventEnvelope> events = log.byIds(rows.stream().map(r -> (UUID) r[6]).distinct().toList()).stream()
                .collect(Collectors.toMap(EventEnvelope::id, Function.identity()));
        return rows.stream().map(r -> new Leased(((Number) r[0]).longValue(), token, until, ((Number) r[1]).intValue(),
                (UUID) r[2], (String) r[3], (String) r[4], Audience.valueOf((String) r[5]), (UUID) r[6], (String) r[7],
                events.get((UUID) r[6]))).toList();
    }

    /**
     * Writes what came of one attempt: the attempt log row, the delivery's next state (delivered, retry at a
     * time, dead-lettered) and the subscription's failure bookkeeping, which may disable it.
     */
    @Transactional
    public Outcome record(Leased d, WebhookSender.Result result) {
        OffsetDateTime now = FanOut.now(clock);
        int attempt = d.attempts() + 1;
        Outcome outcome;
        OffsetDateTime next = null;
        boolean owned;
        if (result.delivered()) {
            outcome = Outcome.DELIVERED;
            owned = finish(d, "DELIVERED", attempt, now);
            if (owned) {
                em.createNativeQuery("UPDATE subscription SET consecutive_dead = 0, failing_since = NULL "
                                + "WHERE id = :s AND (consecutive_dead <> 0 OR failing_since IS NOT NULL)")
                        .setParameter("s", d.subscription()).executeUpdate();
            }
        } else {
            Optional<Duration> wait = schedule.nextWait(attempt,
                    RetrySchedule.parseRetryAfter(result.retryAfter(), now.toInstant()));
            if (result.status() == 410) {
                // Kept pending: a replay re-enables the subscription and sends from where its owner says.
                outcome = Outcome.GONE;
                next = now.plus(wait.orElse(Duration.ZERO));
                owned = retryAt(d, attempt, next);
            } else if (wait.isPresent()) {
                outcome = Outcome.RETRYING;
                next = now.plus(wait.get());
                owned = retryAt(d, attempt, next);
            } else {
                outcome = Outcome.DEAD;
                owned = finish(d, "DEAD", attempt, now);
            }
            if (owned) {
                failed(d.subscription(), outcome, now);
            }
        }
        if (!owned) {
            LOG.warnf("Delivery %d: the lease ran out before attempt %d (%s) was recorded; another dispatcher owns it now",
                    d.id(), attempt, outcome);
        }
        logAttempt(d, attempt, now, result, outcome, next);
        return outcome;
    }

    /** Gives a lease back unsent, so that the next round of any dispatcher may take the delivery at once. */
    @Transactional
    public void release(Leased d) {
        em.createNativeQuery("UPDATE delivery SET leased_until = NULL, lease_token = NULL "
                        + "WHERE id = :id AND lease_token = :token AND status = 'PENDING'")
                .setParameter("id", d.id()).setParameter("token", d.token()).executeUpdate();
    }

    /** Ends a delivery whose event retention removed before it could be sent. */
    @Transactional
    public void expire(Leased d) {
        OffsetDateTime now = FanOut.now(clock);
        if (finish(d, "DEAD", d.attempts(), now)) {
            logAttempt(d, Math.max(1, d.attempts()), now, new WebhookSender.Result(0, null, Duration.ZERO,
                    "the event is no longer retained"), Outcome.DEAD, null);
        }
    }

    private boolean finish(Leased d, String status, int attempts, OffsetDateTime now) {
        return em.createNativeQuery("UPDATE delivery SET status = :status, attempts = :attempts, completed_at = :now, "
                        + "leased_until = NULL, lease_token = NULL WHERE id = :id AND lease_token = :token AND status = 'PENDING'")
                .setParameter("status", status).setParameter("attempts", attempts).setParameter("now", now)
                .setParameter("id", d.id()).setParameter("token", d.token()).executeUpdate() == 1;
    }

    private boolean retryAt(Leased d, int attempts, OffsetDateTime next) {
        return em.createNativeQuery("UPDATE delivery SET attempts = :attempts, next_attempt_at = :next, leased_until = NULL, "
                        + "lease_token = NULL WHERE id = :id AND lease_token = :token AND status = 'PENDING'")
                .setParameter("attempts", attempts).setParameter("next", next)
                .setParameter("id", d.id()).setParameter("token", d.token()).executeUpdate() == 1;
    }

    /** The disable policy: 410 at once; else N dead letters in a row, or failing without a success for a period. */
    private void failed(UUID subscription, Outcome outcome, OffsetDateTime now) {
        if (outcome == Outcome.GONE) {
            disable(subscription, "The endpoint answered 410 Gone", now);
            return;
        }
        Object[] state = (Object[]) em.createNativeQuery("UPDATE subscription SET failing_since = COALESCE(failing_since, "
                        + "CAST(:now AS timestamptz)), consecutive_dead = consecutive_dead + :dead WHERE id = :s "
                        + "RETURNING consecutive_dead, failing_since")
                .setParameter("now", now).setParameter("dead", outcome == Outcome.DEAD ? 1 : 0)
                .setParameter("s", subscription).getSingleResult();
        int dead = ((Number) state[0]).intValue();
        OffsetDateTime failingSince = Timestamps.utc(state[1]);
        EventHubConfig.Delivery policy = config.delivery();
        if (dead >= policy.disableAfterDeadLetters()) {
            disable(subscription, dead + " events in a row were dead-lettered", now);
        } else if (!failingSince.plus(policy.disableAfterFailingFor()).isAfter(now)) {
            disable(subscription, "Every delivery has failed since " + failingSince, now);
        }
    }

    private void disable(UUID subscription, String reason, OffsetDateTime now) {
        em.createNativeQuery("UPDATE subscription SET status = 'DISABLED', status_reason = :reason, disabled_at = :now, "
                        + "version = version + 1 WHERE id = :s AND status = 'ACTIVE'")
                .setParameter("reason", reason).setParameter("now", now).setParameter("s", subscription).executeUpdate();
    }

    private void logAttempt(Leased d, int attempt, OffsetDateTime now, WebhookSender.Result result, Outcome outcome,
                            OffsetDateTime next) {
        // The subscription may have been deleted meanwhile (its deliveries with it): then there is nothing to log.
        @SuppressWarnings("unchecked")
        NativeQuery<Object> insert = em.createNativeQuery("INSERT INTO delivery_attempt (delivery_id, subscription_id, "
                        + "event_id, event_type, attempt, attempted_at, status_code, latency_ms, outcome, next_retry_at, error) "
                        + "SELECT :delivery, :s, :event, :type, :attempt, :now, :status, :latency, :outcome, :next, :error "
                        + "WHERE EXISTS (SELECT 1 FROM delivery WHERE id = :delivery)")
                .unwrap(NativeQuery.class);
        insert.setParameter("delivery", d.id()).setParameter("s", d.subscription()).setParameter("event", d.eventId())
                .setParameter("type", d.eventType()).setParameter("attempt", attempt).setParameter("now", now)
                .setParameter("status", result.status() == 0 ? null : result.status(), Integer.class)
                .setParameter("latency", (int) Math.min(Integer.MAX_VALUE, result.latency().toMillis()))
                .setParameter("outcome", outcome.name())
                .setParameter("next", next, OffsetDateTime.class)
                .setParameter("error", result.error(), String.class)
                .executeUpdate();
    }
}
