package no.katapult.events.delivery;

import no.katapult.common.testing.WebhookReceiver;
import io.cloudevents.CloudEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import no.katapult.common.events.EventEnvelope;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import no.katapult.events.Events;
import no.katapult.events.jobs.Jobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dispatchers that die or run side by side lose nothing and send nothing twice. (Delivery is at least once:
 * a receiver that answers after the timeout is sent the event again; these receivers answer at once.)
 */
@QuarkusTest
class DispatcherFailureTest extends AbstractDeliveryTest {

    @Inject
    Dispatcher dispatcher;

    @Inject
    Jobs jobs;

    @Inject
    DeliveryStore store;

    @Inject
    EntityManager em;

    /** Runs before the receivers close (a subclass's @AfterEach runs first). */
    @AfterEach
    void resumeDispatcher() {
        jobs.resumeDispatcher();
    }

    long deliveries(String subscription) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM delivery WHERE subscription_id = :s").setParameter("s", UUID.fromString(subscription))
                .getSingleResult()).longValue());
    }

    @Test
    void aDispatcherKilledMidDeliveryLosesNothing() {
        WebhookReceiver receiver = receiver();
        String org = TestOrgNumbers.fresh();
        Hooks.Subscribed sub = Hooks.subscribe(TestTokens.sme("sme-crash", org), receiver);
        jobs.pauseDispatcher();
        EventEnvelope event = Events.sample("no.katapult.booking.confirmed", org);
        Events.append(outbox, event);
        await().atMost(Duration.ofSeconds(15)).until(() -> deliveries(sub.id()) == 1);

        // A dispatcher leases the delivery and dies before it records anything: its lease stays behind.
        Instant leasedAt = Instant.now();
        int leased = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("UPDATE delivery SET "
                        + "leased_until = now() + interval '3 seconds', lease_token = :token WHERE subscription_id = :s")
                .setParameter("token", UUID.randomUUID()).setParameter("s", UUID.fromString(sub.id())).executeUpdate());
        assertEquals(1, leased);
        jobs.resumeDispatcher();

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 1);
        WebhookReceiver.Request request = receiver.accepted().get(0);
        assertTrue(Duration.between(leasedAt, request.at()).toMillis() >= 2500,
                "sent once the dead dispatcher's lease ran out, not before");
        CloudEvent got = Hooks.verified(sub, request);
        assertEquals(event.id().toString(), got.getId(), "the same event id");
        assertEquals(1, receiver.requests().size());
        await().atMost(Duration.ofSeconds(5)).until(() -> Hooks.attempts(sub).size() == 1);
        assertEquals("DELIVERED", Hooks.attempts(sub).get(0).get("outcome"));
    }

    @Test
    void aLeaseThatWouldRunOutDuringTheSendIsGivenBackUnsent() {
        WebhookReceiver receiver = receiver();
        String org = TestOrgNumbers.fresh();
        Hooks.Subscribed sub = Hooks.subscribe(TestTokens.sme("sme-queued", org), receiver);
        jobs.pauseDispatcher();
        Events.append(outbox, Events.sample("no.katapult.booking.confirmed", org));
        await().atMost(Duration.ofSeconds(15)).until(() -> deliveries(sub.id()) == 1);

        // Leased, then kept waiting in the send queue until less than connect + read timeout is left of the lease.
        DeliveryStore.Leased ours = null;
        for (DeliveryStore.Leased d : store.lease(1000)) {
            if (d.subscription().toString().equals(sub.id())) {
                ours = d;
            } else {
                store.release(d);
            }
        }
        assertTrue(ours != null, "the delivery was leased");
        DeliveryStore.Leased late = new DeliveryStore.Leased(ours.id(), ours.token(), OffsetDateTime.now().plusSeconds(2),
                ours.attempts(), ours.subscription(), ours.url(), ours.secret(), ours.audience(), ours.eventId(),
                ours.eventType(), ours.event());
        dispatcher.deliver(late);

        assertEquals(0, receiver.requests().size(), "not sent: the send could outlive the lease");
        long leased = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM delivery WHERE subscription_id = :s AND lease_token IS NOT NULL AND status = 'PENDING'")
                .setParameter("s", UUID.fromString(sub.id())).getSingleResult()).longValue());
        assertEquals(0, leased, "the lease is given back at once, not left to run out");
        jobs.resumeDispatcher();
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 1);
        await().pollDelay(Duration.ofMillis(500)).until(() -> true);
        assertEquals(1, receiver.requests().size(), "sent once, by the next round");
    }

    @Test
    void dispatchersRunningAtOnceSendEachEventOnceAndInSubjectOrder() throws Exception {
        WebhookReceiver receiver = receiver();
        String org = TestOrgNumbers.fresh();
        Hooks.Subscribed sub = Hooks.subscribe(TestTokens.sme("sme-busy", org), receiver);
        List<EventEnvelope> events = new ArrayList<>();
        List<EventEnvelope> lastOfSubject = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            EventEnvelope first = Events.sample("no.katapult.booking.requested", org);
            events.add(first);
            lastOfSubject.add(first);
        }
        for (int round = 0; round < 4; round++) {
            for (int s = 0; s < lastOfSubject.size(); s++) {
                EventEnvelope next = Events.next(lastOfSubject.get(s), round % 2 == 0 ? "no.katapult.aid.granted"
                        : "no.katapult.booking.confirmed");
                lastOfSubject.set(s, next);
                events.add(next);
            }
        }
        Events.append(outbox, events.toArray(EventEnvelope[]::new));

        // Three more dispatchers beside the service's own, as three more replicas would run.
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService replicas = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(replicas.submit(() -> {
                while (!done.get()) {
                    dispatcher.dispatch();
                }
            }));
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() >= events.size());
            await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        } finally {
            done.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            replicas.shutdownNow();
        }

        Map<String, Long> perEvent = receiver.requests().stream()
                .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
        assertEquals(events.size(), perEvent.size());
        assertTrue(perEvent.values().stream().allMatch(n -> n == 1), "each event sent once: " + perEvent + "; attempts: " + Hooks.attempts(sub));
        Map<String, EventEnvelope> sent = events.stream().collect(Collectors.toMap(e -> e.id().toString(), Function.identity()));
        for (EventEnvelope first : events.subList(0, 8)) {
            List<Integer> sequences = Hooks.accepted(sub, receiver).stream()
                    .filter(e -> first.subject().equals(e.getSubject())).map(Hooks::sequence).toList();
            assertEquals(List.of(1, 2, 3, 4, 5), sequences, "in subject order");
        }
        assertEquals(events.size(), sent.size());
    }
}
