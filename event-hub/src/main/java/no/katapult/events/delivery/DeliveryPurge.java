package no.katapult.events.delivery;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import no.katapult.common.persistence.RetentionPurge;
import no.katapult.events.config.EventHubConfig;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Keeps the delivery tables as long as the log keeps events: finished deliveries and attempts past the
 * retention go, and so do pending ones whose event the log no longer has. Any replica may run it.
 */
@ApplicationScoped
public class DeliveryPurge {

    @Inject
    EntityManager em;

    @Inject
    EventHubConfig config;

    @Inject
    Clock clock;

    @Scheduled(identity = "delivery-purge", every = "1h", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        RetentionPurge.run("deliveries and delivery attempts", this::purge);
    }

    /** Deletes what is past the retention; answers how many deliveries and attempts together. */
    @Transactional
    public int purge() {
        OffsetDateTime before = FanOut.now(clock).minus(config.retention());
        int attempts = em.createNativeQuery("DELETE FROM delivery_attempt WHERE attempted_at < :before")
                .setParameter("before", before).executeUpdate();
        int deliveries = em.createNativeQuery("DELETE FROM delivery d WHERE d.created_at < :before AND (d.status <> 'PENDING' "
                        + "OR NOT EXISTS (SELECT 1 FROM outbox_event e WHERE e.id = d.event_id))")
                .setParameter("before", before).executeUpdate();
        return deliveries + attempts;
    }
}
