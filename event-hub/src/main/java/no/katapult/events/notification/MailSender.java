package no.katapult.events.notification;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.events.config.EventHubConfig;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Sends due notifications over SMTP, any number of replicas at once: each round leases a batch, writes each
 * mail in its reader's language and sends it, and records the outcome. An SMTP server that is down or refuses
 * for now (4xx) gets the mail again on the retry schedule; a permanent refusal (5xx) or a mail that cannot be
 * written is not tried again. A sender that dies mid-round loses nothing: the lease runs out and another sender
 * sends the mail, with the same Message-ID.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    public static final String EVENT_ID_HEADER = "X-Katapult-Event-Id";
    public static final String EVENT_TYPE_HEADER = "X-Katapult-Event-Type";
    public static final String SUBJECT_HEADER = "X-Katapult-Subject";

    @Inject
    NotificationStore store;

    @Inject
    MailWriter writer;

    @Inject
    ReactiveMailer mailer;

    @Inject
    EventHubConfig config;

    @Inject
    MeterRegistry metrics;

    /** Rounds until nothing more is due (a job of {@code Jobs}). */
    public void sendDue() {
        while (sendRound() == config.notifications().batchSize()) {
            // a backlog: keep going
        }
    }

    /** One round: leases due mails, sends them one after the other, records each; returns how many it leased. */
    public int sendRound() {
        List<NotificationStore.Leased> leased = store.lease(config.notifications().batchSize());
        for (NotificationStore.Leased n : leased) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            NotificationStore.Outcome outcome = send(n);
            metrics.counter("katapult.notification.attempts", "outcome", outcome.name()).increment();
        }
        return leased.size();
    }

    private NotificationStore.Outcome send(NotificationStore.Leased n) {
        if (n.event() == null) {
            return store.record(n, "the event is no longer retained", true);
        }
        Mail mail;
        try {
            MailWriter.Written written = writer.write(n.kind(), n.language(), n.event());
            mail = Mail.withText(n.recipient(), written.subject(), written.text()).setHtml(written.html())
                    .setFrom(config.notifications().smtp().from())
                    .addHeader("Message-ID", n.messageId())
                    .addHeader("Content-Language", n.language().tag())
                    .addHeader(EVENT_ID_HEADER, n.eventId().toString())
                    .addHeader(EVENT_TYPE_HEADER, n.event().type())
                    .addHeader(SUBJECT_HEADER, n.event().subject())
                    .addHeader("Auto-Submitted", "auto-generated");
        } catch (RuntimeException e) {
            LOG.errorf(e, "The %s mail about event %s could not be written", n.kind().template(), n.eventId());
            return store.record(n, "could not be written: " + e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        }
        try {
            mailer.send(mail).await().atMost(config.notifications().sendTimeout());
            return store.record(n, null, false);
        } catch (RuntimeException e) {
            boolean permanent = false;
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof SMTPException smtp) {
                    permanent = smtp.isPermanent();
                    break;
                }
            }
            String error = describe(e);
            // WARN: a mail that waits for its retry (30 s, then minutes) is otherwise invisible in the log.
            LOG.warnf("Mail %d to the SMTP server failed (%s): %s", n.id(), permanent ? "permanently" : "will retry", error);
            return store.record(n, error, permanent);
        }
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 400; t = t.getCause() == t ? null : t.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString();
    }
}
