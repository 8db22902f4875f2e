package no.katapult.events.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Refuses to start with settings that would break what the hub promises. */
@ApplicationScoped
public class ConfigChecks {

    /** Partners may come back to the feed this long after an event (issue 13; Altinn keeps 90 days too). */
    public static final Duration MIN_RETENTION = Duration.ofDays(90);

    void onStart(@Observes StartupEvent event, EventHubConfig config) {
        EventHubConfig.Delivery d = config.delivery();
        List<String> problems = problems(config.retention(), d.lease(), d.connectTimeout(), d.timeout(), d.retrySchedule());
        EventHubConfig.Notifications n = config.notifications();
        problems.addAll(notificationProblems(n.lease(), n.sendTimeout(), n.retrySchedule(), n.smtp().startTls()));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("event-hub settings refused: " + String.join("; ", problems));
        }
    }

    /** What is wrong with these settings, in words naming the environment variables; empty when nothing. */
    public static List<String> problems(Duration retention, Duration lease, Duration connectTimeout, Duration timeout,
                                        List<Duration> retrySchedule) {
        List<String> problems = new ArrayList<>();
        if (retention.compareTo(MIN_RETENTION) < 0) {
            problems.add("EVENTS_RETENTION=" + retention + " is shorter than " + MIN_RETENTION);
        }
        if (lease.compareTo(connectTimeout.plus(timeout)) <= 0) {
            problems.add("EVENTS_DELIVERY_LEASE=" + lease + " must be longer than connect-timeout + timeout ("
                    + connectTimeout.plus(timeout) + "), or a slow receiver would be sent the event twice");
        }
        if (retrySchedule.isEmpty() || retrySchedule.stream().anyMatch(Duration::isNegative)) {
            problems.add("EVENTS_RETRY_SCHEDULE needs at least one wait, none negative");
        }
        return problems;
    }

    /** What is wrong with the notification settings, naming the environment variables; empty when nothing. */
    public static List<String> notificationProblems(Duration lease, Duration sendTimeout, List<Duration> retrySchedule,
                                                    String startTls) {
        List<String> problems = new ArrayList<>();
        if (lease.compareTo(sendTimeout) <= 0) {
            problems.add("EVENTS_NOTIFY_LEASE=" + lease + " must be longer than EVENTS_NOTIFY_SEND_TIMEOUT ("
                    + sendTimeout + "), or a slow SMTP server would be given the mail twice");
        }
        if (retrySchedule.isEmpty() || retrySchedule.stream().anyMatch(Duration::isNegative)) {
            problems.add("EVENTS_NOTIFY_RETRY_SCHEDULE needs at least one wait, none negative");
        }
        if (!List.of("DISABLED", "OPTIONAL", "REQUIRED").contains(startTls)) {
            problems.add("CATAPULT_SMTP_STARTTLS=" + startTls + " must be DISABLED, OPTIONAL or REQUIRED");
        }
        return problems;
    }
}
