package no.katapult.common.events;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import no.katapult.common.CatapultConfig;
import no.katapult.common.persistence.RetentionPurge;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Gives committed events their feed positions, in the order they were inserted. Positions are handed out
 * here, after commit, not at insert: a transaction that commits late simply gets a later position, so a
 * reader that follows positions never skips an event, whatever order transactions commit in. One
 * subject's events are inserted in sequence order (the subject's row lock in {@link Outbox}), so they are
 * positioned in that order too.
 *
 * <p>Runs on its own thread every catapult.outbox.sequence-interval (0.2 s by default). Safe with any number
 * of replicas: the state row is locked with SKIP LOCKED, so one sequencer runs at a time and the others skip
 * that round; runs are serialised, so positions become visible in order.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class OutboxSequencer {

    private static final Logger LOG = Logger.getLogger(OutboxSequencer.class);

    @Inject
    EntityManager em;

    @Inject
    CatapultConfig config;

    private BackgroundJob job;

    // Its own thread rather than @Scheduled: Quarkus's simple scheduler runs nothing more often than once a
    // second, so every = "0.2s" would quietly become 1 s.
    void onStart(@Observes StartupEvent event) {
        job = BackgroundJob.start("outbox-sequencer", Duration.ofSeconds(1),
                DurationConverter.parseDuration(config.outbox().sequenceInterval()), this::sequenceAll, LOG);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (job != null) {
            job.close();
        }
    }

    /** Positions every committed event that has none yet, batch after batch. */
    public void sequenceAll() {
        while (sequence() == config.outbox().batchSize()) {
            // a backlog: keep going
        }
    }

    /** Positions up to one batch of committed events; returns how many (0 when another replica holds the turn). */
    @Transactional
    public int sequence() {
        List<?> state = em.createNativeQuery("SELECT last_position FROM outbox_state WHERE id = 1 FOR UPDATE SKIP LOCKED")
                .getResultList();
        if (state.isEmpty()) {
            return 0;
        }
        long last = ((Number) state.get(0)).longValue();
        int positioned = em.createNativeQuery("WITH next AS (SELECT id, row_number() OVER (ORDER BY insert_order) AS n "
                        + "FROM outbox_event WHERE position IS NULL ORDER BY insert_order LIMIT ?1) "
                        + "UPDATE outbox_event e SET position = ?2 + next.n FROM next WHERE e.id = next.id")
                .setParameter(1, config.outbox().batchSize()).setParameter(2, last).executeUpdate();
        if (positioned > 0) {
            em.createNativeQuery("UPDATE outbox_state SET last_position = ?1 WHERE id = 1")
                    .setParameter(1, last + positioned).executeUpdate();
        }
        return positioned;
    }

    @Scheduled(every = "${catapult.outbox.purge-interval}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOnSchedule() {
        RetentionPurge.run("outbox events", this::purge);
    }

    /** Removes positioned events older than the retention (90 days by default); any replica may run it. */
    @Transactional
    public int purge() {
        return em.createNativeQuery("DELETE FROM outbox_event WHERE position IS NOT NULL "
                        + "AND occurred_at < now() - make_interval(secs => ?1)")
                .setParameter(1, (double) config.outbox().retention().toSeconds()).executeUpdate();
    }
}
