package no.katapult.events.delivery;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.common.events.BackgroundJob;
import no.katapult.events.CloudEventViews;
import no.katapult.events.config.EventHubConfig;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends due deliveries as signed Standard Webhooks, any number of replicas at once: each round leases a batch
 * ({@link DeliveryStore#lease}), sends it in parallel, and records each outcome. A dispatcher that dies
 * mid-round loses nothing: its leases run out and another dispatcher sends the same events, same ids.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    static final String USER_AGENT = "katapult-event-hub/1.0 (Standard Webhooks)";

    @Inject
    DeliveryStore store;

    @Inject
    WebhookSender sender;

    @Inject
    WebhookUrls urls;

    @Inject
    CloudEventViews views;

    @Inject
    EventHubConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    private ExecutorService workers;

    @PostConstruct
    void start() {
        workers = Executors.newFixedThreadPool(config.delivery().concurrency(), BackgroundJob.daemonThreads("webhook-sender"));
    }

    /** Stops sending: sends in progress are interrupted, and their leases run out for another dispatcher. */
    @PreDestroy
    public void stop() {
        workers.shutdownNow();
    }

    /** Rounds until nothing more is due (the dispatcher job of {@code no.katapult.events.jobs.Jobs}). */
    public void dispatchAll() {
        while (dispatch() == config.delivery().batchSize()) {
            // a backlog: keep going
        }
    }

    /** One round: leases due deliveries, sends them, records the outcomes; returns how many it leased. */
    public int dispatch() {
        List<DeliveryStore.Leased> leased = store.lease(config.delivery().batchSize());
        List<Future<?>> sends = new ArrayList<>(leased.size());
        for (DeliveryStore.Leased d : leased) {
            sends.add(workers.submit(() -> deliver(d)));
        }
        for (Future<?> send : sends) {
            try {
                send.get();
            } catch (ExecutionException e) {
                // Recorded nothing: the lease runs out and the delivery is tried again.
                LOG.warnf(e.getCause(), "A webhook delivery failed unexpectedly");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return leased.size();
            }
        }
        return leased.size();
    }

    /** Sends one leased delivery and records the outcome. */
    void deliver(DeliveryStore.Leased d) {
        if (!sendFinishesWithinLease(d)) {
            // It waited in the queue too long: a send now could outlive the lease, and another dispatcher would
            // send the same event again. Given back unsent instead.
            store.release(d);
            metrics.counter("katapult.webhook.leases.released").increment();
            return;
        }
        if (d.event() == null) {
            store.expire(d);
            return;
        }
        WebhookSender.Result result;
        try {
            WebhookUrls.Target target = urls.check(d.url());
            CloudEvent event = views.render(d.event(), d.audience());
            byte[] body = views.json(event);
            result = sender.post(target, headers(d.secret(), event.getId(), clock.instant().getEpochSecond(), body), body);
        } catch (WebhookUrls.Refused refused) {
            // Checked again at every delivery: the host may now resolve to a private address (DNS rebinding).
            result = new WebhookSender.Result(0, null, Duration.ZERO, "the URL " + refused.getMessage());
        }
        Outcome outcome = store.record(d, result);
        metrics.counter("katapult.webhook.attempts", "outcome", outcome.name()).increment();
    }

    /** Whether a send started now ends, even at its timeouts, before the lease runs out. */
    boolean sendFinishesWithinLease(DeliveryStore.Leased d) {
        Duration longestSend = config.delivery().connectTimeout().plus(config.delivery().timeout());
        return !clock.instant().plus(longestSend).isAfter(d.until().toInstant());
    }

    /** The Standard Webhooks headers of one delivery. */
    static Map<String, String> headers(String secret, String id, long timestamp, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CloudEventViews.MEDIA_TYPE);
        headers.put("User-Agent", USER_AGENT);
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.sign(secret, id, timestamp, body));
        return headers;
    }
}
