package no.katapult.events.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.common.events.BackgroundJob;
import no.katapult.events.config.EventHubConfig;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Polls every enabled source on its own thread, so that a slow source delays no other. A source that fails is
 * polled less often for a while (up to 30 s apart) and logged once per change, not once per poll.
 */
@ApplicationScoped
public class SourcePoller {

    private static final Logger LOG = Logger.getLogger(SourcePoller.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Pages read in a row before another source gets the thread again. */
    private static final int MAX_PAGES_PER_ROUND = 20;

    @Inject
    Ingestion ingestion;

    @Inject
    EventHubConfig config;

    @Inject
    MeterRegistry metrics;

    private final Map<String, SourceState> states = new ConcurrentHashMap<>();
    private ExecutorService workers;
    private volatile boolean stopping;

    /** Per source: whether a poll runs, and its failure backoff. */
    private static final class SourceState {
        volatile boolean running;
        volatile int failures;
        /** Wall-clock millis before which the source is not polled again. */
        volatile long notBefore;
        volatile String lastError;
    }

    @PostConstruct
    void start() {
        workers = Executors.newCachedThreadPool(BackgroundJob.daemonThreads("event-ingest-source"));
    }

    /** Stops polling: polls in progress are interrupted and roll back, their cursors unchanged. */
    @PreDestroy
    public void stop() {
        stopping = true;
        workers.shutdownNow();
    }

    /** Starts a poll of each enabled source that is not being polled and not backing off (a job of {@code Jobs}). */
    public void pollSources() {
        config.sources().forEach((name, source) -> {
            if (!source.enabled()) {
                return;
            }
            SourceState state = states.computeIfAbsent(name, k -> new SourceState());
            if (state.running || System.currentTimeMillis() < state.notBefore) {
                return;
            }
            state.running = true;
            workers.execute(() -> {
                try {
                    pollUntilCaughtUp(name, state);
                } finally {
                    state.running = false;
                }
            });
        });
    }

    /** Reads pages of one source until it has no more (or a round's share is used up). */
    private void pollUntilCaughtUp(String source, SourceState state) {
        try {
            for (int page = 0; page < MAX_PAGES_PER_ROUND; page++) {
                Ingestion.Poll poll = ingestion.poll(source);
                if (poll.appended() > 0) {
                    metrics.counter("katapult.events.ingested", "source", source).increment(poll.appended());
                }
                if (poll.skipped() || poll.read() < config.ingest().pageSize()) {
                    break;
                }
            }
            if (state.failures > 0) {
                LOG.infof("Reading the events of %s again", source);
            }
            state.failures = 0;
            state.notBefore = 0;
            state.lastError = null;
        } catch (RuntimeException e) {
            if (stopping) {
                return;
            }
            String error = e instanceof Unavailable ? e.getMessage()
                    : source + ": " + e.getClass().getSimpleName() + ": " + e.getMessage();
            state.failures++;
            long backoff = Math.min(MAX_BACKOFF.toMillis(),
                    config.ingest().pollInterval().toMillis() << Math.min(state.failures, 10));
            state.notBefore = System.currentTimeMillis() + backoff;
            if (!error.equals(state.lastError)) {
                LOG.warnf("Cannot read the events of %s (retrying, nothing is lost): %s", source, error);
                state.lastError = error;
                try {
                    ingestion.failed(source, error);
                } catch (RuntimeException ignored) {
                    // the database may be what failed; the log line above says enough
                }
            }
        }
    }
}
