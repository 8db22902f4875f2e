package no.katapult.events.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemMember;
import no.katapult.events.Audience;
import no.katapult.events.config.EventHubConfig;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A subscription's deliveries as its owner sees them: replays and the attempt log. */
@ApplicationScoped
public class Deliveries {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    EventHubConfig config;

    /** What a replay queued: {@code queued} events after the cursor up to {@code until}; later ones follow live. */
    public record Replay(int queued, long until) {
    }

    /**
     * Queues every event after {@code after} that the subscription matches, again (same event ids), in log
     * order, up to where fan-out has reached; fan-out delivers the later ones as usual. Pending deliveries of
     * those events are cancelled, since they are queued anew; older pending ones keep their place, which is
     * before the replayed ones, so one subject's events still arrive in order. Waits for a fan-out round that
     * is running, so that the two never interleave.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Replay replay(UUID subscription, long after) {
        long until = ((Number) em.createNativeQuery("SELECT last_position FROM fanout_cursor WHERE id = 1 FOR UPDATE")
                .getSingleResult()).longValue();
        if (after >= until) {
            cancelPendingAfter(subscription, after);
            return new Replay(0, Math.max(after, until));
        }
        long count = ((Number) matching(em, "SELECT count(*) ", "TRUE", subscription, after, until)
                .getSingleResult()).longValue();
        int limit = config.delivery().replayLimit();
        if (count > limit) {
            throw ProblemException.unprocessable("replay-too-large", "A replay from there would send " + count
                    + " events; at most " + limit + " at a time. Replay from a later cursor.").with(ProblemMember.EVENTS, count);
        }
        cancelPendingAfter(subscription, after);
        int queued = enqueue(em, "TRUE", subscription, after, until, FanOut.now(clock));
        return new Replay(queued, until);
    }

    private void cancelPendingAfter(UUID subscription, long after) {
        em.createNativeQuery("UPDATE delivery SET status = 'CANCELLED', completed_at = :now, leased_until = NULL, "
                        + "lease_token = NULL WHERE subscription_id = :s AND status = 'PENDING' AND event_position > :after")
                .setParameter("now", FanOut.now(clock)).setParameter("s", subscription).setParameter("after", after)
                .executeUpdate();
    }

    /** The attempt log, newest first; {@code outcome} filters when not null. */
    public PageResponse<AttemptView> attempts(UUID subscription, Outcome outcome, PageRequest page) {
        String where = " FROM delivery_attempt a WHERE a.subscription_id = :s" + (outcome == null ? "" : " AND a.outcome = :o");
        Query count = em.createNativeQuery("SELECT count(*)" + where).setParameter("s", subscription);
        Query rows = em.createNativeQuery("SELECT a.delivery_id, a.event_id, a.event_type, a.attempt, a.attempted_at, "
                        + "a.status_code, a.latency_ms, a.outcome, a.next_retry_at, a.error" + where
                        + " ORDER BY a.id DESC LIMIT :size OFFSET :offset")
                .setParameter("s", subscription).setParameter("size", page.size()).setParameter("offset", page.offset());
        if (outcome != null) {
            count.setParameter("o", outcome.name());
            rows.setParameter("o", outcome.name());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> result = rows.getResultList();
        List<AttemptView> items = result.stream().map(Deliveries::attempt).toList();
        return PageResponse.of(items, page, ((Number) count.getSingleResult()).longValue());
    }

    private static AttemptView attempt(Object[] r) {
        return new AttemptView(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2], ((Number) r[3]).intValue(),
                Timestamps.utc(r[4]), r[5] == null ? null : ((Number) r[5]).intValue(), ((Number) r[6]).intValue(),
                Outcome.valueOf((String) r[7]), r[8] == null ? null : Timestamps.utc(r[8]), (String) r[9]);
    }

    /**
     * Inserts deliveries for the events in (from, to] that match each selected subscription's types and its
     * owner's audience, in log order (so delivery ids follow it). {@code subscriptionCondition} selects
     * subscriptions (alias s); {@code subscription}, when given, only that one.
     */
    static int enqueue(EntityManager em, String subscriptionCondition, UUID subscription, long from, long to,
                       OffsetDateTime now) {
        return matching(em, "INSERT INTO delivery (subscription_id, event_id, event_position, event_type, subject, "
                        + "status, next_attempt_at, created_at) SELECT s.id, e.id, e.position, e.type, e.subject, "
                        + "'PENDING', CAST(:now AS timestamptz), CAST(:now AS timestamptz) ", subscriptionCondition,
                subscription, from, to, " ORDER BY e.position, s.id")
                .setParameter("now", now).executeUpdate();
    }

    private static Query matching(EntityManager em, String select, String subscriptionCondition, UUID subscription,
                                  long from, long to) {
        return matching(em, select, subscriptionCondition, subscription, from, to, "");
    }

    private static Query matching(EntityManager em, String select, String subscriptionCondition, UUID subscription,
                                  long from, long to, String orderBy) {
        Query query = em.createNativeQuery(select + "FROM outbox_event e JOIN subscription s ON " + subscriptionCondition
                        + (subscription == null ? "" : " AND s.id = :subscription")
                        + " WHERE e.position > :from AND e.position <= :to AND (cardinality(s.types) = 0 OR EXISTS "
                        + "(SELECT 1 FROM unnest(s.types) p WHERE starts_with(e.type, p))) AND "
                        + Audience.condition("s.audience", "s.owner_org_no", "e") + orderBy)
                .setParameter("from", from).setParameter("to", to);
        if (subscription != null) {
            query.setParameter("subscription", subscription);
        }
        return query;
    }
}
