package no.katapult.events.notification;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Keeps sent and dead notifications (and their attempts) as long as the log keeps events. Any replica may run it. */
@ApplicationScoped
public class NotificationPurge {

    private static final Logger LOG = Logger.getLogger(NotificationPurge.class);

    @Inject
    NotificationStore store;

    @Scheduled(identity = "notification-purge", every = "1h", delayed = "7m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        try {
            int removed = store.purge();
            if (removed > 0) {
                LOG.infof("Removed %d notifications past the retention", removed);
            }
        } catch (RuntimeException e) {
            LOG.debugf("Notification purge skipped: %s", e.getMessage());
        }
    }
}
