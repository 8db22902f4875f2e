package no.katapult.events.jobs;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.katapult.common.events.BackgroundJob;
import no.katapult.events.config.EventHubConfig;
import no.katapult.events.delivery.Dispatcher;
import no.katapult.events.delivery.FanOut;
import no.katapult.events.ingest.SourcePoller;
import no.katapult.events.notification.MailSender;
import no.katapult.events.notification.Notifier;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The hub's background work, each job on its own thread at its own interval (shorter than Quarkus's
 * scheduler allows): reading the producers' feeds, fanning the log out into deliveries, and dispatching
 * them; reading the log for e-mail notifications, and sending them. Every replica runs all three; row locks share the work out (no leader election). Common's
 * OutboxSequencer positions the log on its own thread as in every producer.
 */
@ApplicationScoped
public class Jobs {

    private static final Logger LOG = Logger.getLogger(Jobs.class);
    /** After start-up, so that the first runs do not compete with the first requests. */
    private static final Duration FIRST_RUN = Duration.ofSeconds(1);

    @Inject
    SourcePoller poller;

    @Inject
    FanOut fanOut;

    @Inject
    Dispatcher dispatcher;

    @Inject
    Notifier notifier;

    @Inject
    MailSender mailSender;

    @Inject
    EventHubConfig config;

    private final List<BackgroundJob> running = new ArrayList<>();
    private BackgroundJob dispatch;
    private BackgroundJob mail;

    void onStart(@Observes StartupEvent event) {
        running.add(BackgroundJob.start("event-ingest", FIRST_RUN, config.ingest().pollInterval(), poller::pollSources, LOG));
        running.add(BackgroundJob.start("event-fan-out", FIRST_RUN, config.delivery().pollInterval(), fanOut::fanOutAll, LOG));
        dispatch = BackgroundJob.start("event-dispatcher", FIRST_RUN, config.delivery().pollInterval(),
                dispatcher::dispatchAll, LOG);
        running.add(dispatch);
        EventHubConfig.Notifications notifications = config.notifications();
        if (notifications.enabled()) {
            running.add(BackgroundJob.start("notifier", FIRST_RUN, notifications.pollInterval(), notifier::readLog, LOG));
            mail = BackgroundJob.start("mail-sender", FIRST_RUN, notifications.pollInterval(), mailSender::sendDue, LOG);
            running.add(mail);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running.forEach(BackgroundJob::close);
        poller.stop();
        dispatcher.stop();
    }

    /** Stops this replica's dispatcher (a round in progress ends first); other replicas are not affected. */
    public void pauseDispatcher() {
        dispatch.pause();
    }

    public void resumeDispatcher() {
        dispatch.resume();
    }

    /** Stops this replica's mail sender (a round in progress ends first). */
    public void pauseMailSender() {
        if (mail != null) {
            mail.pause();
        }
    }

    public void resumeMailSender() {
        if (mail != null) {
            mail.resume();
        }
    }
}
