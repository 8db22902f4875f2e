package no.katapult.events.notification;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.common.persistence.RetentionPurge;

/** Keeps sent and dead notifications (and their attempts) as long as the log keeps events. Any replica may run it. */
@ApplicationScoped
public class NotificationPurge {

    @Inject
    NotificationStore store;

    @Scheduled(identity = "notification-purge", every = "1h", delayed = "7m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        RetentionPurge.run("notifications", store::purge);
    }
}
