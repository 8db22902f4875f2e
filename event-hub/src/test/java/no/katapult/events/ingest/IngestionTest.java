package no.katapult.events.ingest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import no.katapult.common.events.EventEnvelope;
import no.katapult.common.testing.TestTokens;
import no.katapult.events.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hub reads the producers' feeds (real HTTP servers of the test) with a client-credentials token from the
 * OIDC server (quarkus-oidc-client against the WireMock token endpoint), and keeps each event's id and
 * sequence: nothing lost, nothing twice, whatever the producers or replicas do.
 */
@QuarkusTest
class IngestionTest {

    @Inject
    Sources sources;

    @Inject
    Ingestion ingestion;

    @Inject
    EntityManager em;

    static List<String> feedIds(String type) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        while (true) {
            var request = given().auth().oauth2(TestTokens.admin()).queryParam("size", 500).queryParam("type", type);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            Response r = request.get("/api/v1/events");
            assertEquals(200, r.statusCode(), r.asString());
            List<String> page = r.jsonPath().getList("items.id");
            ids.addAll(page);
            cursor = r.jsonPath().getString("next");
            if (page.size() < 500) {
                return ids;
            }
        }
    }

    long count(EventEnvelope e) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM outbox_event WHERE id = :id").setParameter("id", e.id()).getSingleResult()).longValue());
    }

    @Test
    void eventsOfEveryProducerArriveWithTheirIdsAndSequencesReadWithTheServiceToken() {
        EventEnvelope centre = Events.sample("no.katapult.centre.created", null);
        EventEnvelope centreUpdated = Events.next(centre, "no.katapult.centre.updated");
        EventEnvelope decided = Events.sample("no.katapult.application.decided", "910000012");
        EventEnvelope booking = Events.sample("no.katapult.booking.confirmed", "910000012");
        sources.publish("registry", Events.json(centre));
        sources.publish("registry", Events.json(centreUpdated));
        sources.publish("application", Events.json(decided));
        sources.publish("booking", Events.json(booking));

        await().atMost(Duration.ofSeconds(15)).until(() ->
                feedIds("no.katapult.").containsAll(List.of(centre.id().toString(), centreUpdated.id().toString(),
                        decided.id().toString(), booking.id().toString())));
        Response r = given().auth().oauth2(TestTokens.admin()).queryParam("type", "no.katapult.centre.")
                .queryParam("size", 500).get("/api/v1/events");
        List<Map<String, Object>> items = r.jsonPath().getList("items");
        Map<String, Object> updated = items.stream().filter(e -> centreUpdated.id().toString().equals(e.get("id")))
                .findFirst().orElseThrow();
        assertEquals(2, updated.get("sequence"), "the producer's sequence is kept");
        assertEquals("/katapult/catapult-registry", updated.get("source"));
        assertEquals(centre.subject(), updated.get("subject"));

        String authorization = sources.lastAuthorization("booking");
        assertTrue(authorization.startsWith("Bearer ey"), "a JWT from the client-credentials grant: " + authorization);
    }

    @Test
    void aProducerThatFailsForAWhileLosesNothing() {
        sources.failWith("booking", 503);
        try {
            EventEnvelope first = Events.sample("no.katapult.booking.requested", "910000012");
            EventEnvelope second = Events.next(first, "no.katapult.booking.cancelled");
            sources.publish("booking", Events.json(first));
            sources.publish("booking", Events.json(second));
            // While the producer answers 503 nothing is read, and its cursor stays.
            assertTrue(ingestionFails("booking"));
            sources.failWith("booking", 0);
            await().atMost(Duration.ofSeconds(40)).until(() -> count(first) == 1 && count(second) == 1);
        } finally {
            sources.failWith("booking", 0);
        }
    }

    /** Polls until a poll gets its turn (the background poller may hold the source) and fails as the producer does. */
    boolean ingestionFails(String source) {
        for (int i = 0; i < 50; i++) {
            try {
                if (!ingestion.poll(source).skipped()) {
                    return false;
                }
            } catch (Unavailable e) {
                return e.getMessage().contains("503");
            }
            Thread.onSpinWait();
        }
        return false;
    }

    @Test
    void aProducerThatRefusesTheTokenIsReportedAndReadLater() {
        sources.failWith("application", 401);
        try {
            try {
                ingestion.poll("application");
            } catch (Unavailable e) {
                assertTrue(e.getMessage().contains("refused the hub's token"), e.getMessage());
            }
        } finally {
            sources.failWith("application", 0);
        }
        EventEnvelope withdrawn = Events.sample("no.katapult.application.withdrawn", "910000012");
        sources.publish("application", Events.json(withdrawn));
        await().atMost(Duration.ofSeconds(40)).until(() -> count(withdrawn) == 1);
    }

    @Test
    void replicasPollingAtOnceAppendEachEventOnce() throws Exception {
        List<EventEnvelope> events = new ArrayList<>();
        EventEnvelope first = Events.sample("no.katapult.facility.created", null);
        events.add(first);
        for (int i = 0; i < 30; i++) {
            events.add(Events.next(events.get(events.size() - 1), "no.katapult.facility.updated"));
        }
        events.forEach(e -> sources.publish("registry", Events.json(e)));
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> polls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                polls.add(() -> {
                    int appended = 0;
                    for (int round = 0; round < 10; round++) {
                        appended += ingestion.poll("registry").appended();
                    }
                    return appended;
                });
            }
            for (Future<Integer> f : replicas.invokeAll(polls)) {
                f.get();
            }
        } finally {
            replicas.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> events.stream().allMatch(e -> count(e) == 1));
        for (EventEnvelope e : events) {
            assertEquals(1, count(e), "appended once");
        }
        // The subject's events are in the log in sequence order: their positions increase with the sequence.
        await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE subject = :s AND position IS NULL")
                .setParameter("s", first.subject()).getSingleResult()).longValue()) == 0);
        @SuppressWarnings("unchecked")
        List<Number> sequences = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT sequence FROM outbox_event WHERE subject = :s ORDER BY position")
                .setParameter("s", first.subject()).getResultList());
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= events.size(); i++) {
            expected.add(i);
        }
        assertEquals(expected, sequences.stream().map(Number::longValue).toList());
    }

    @Test
    void anEventAlreadyInTheLogIsIgnored() {
        EventEnvelope equipment = Events.sample("no.katapult.equipment.created", null);
        sources.publish("registry", Events.json(equipment));
        sources.publish("registry", Events.json(equipment));
        await().atMost(Duration.ofSeconds(15)).until(() -> count(equipment) == 1);
        EventEnvelope later = Events.sample("no.katapult.equipment.updated", null);
        sources.publish("registry", Events.json(later));
        await().atMost(Duration.ofSeconds(15)).until(() -> count(later) == 1);
        assertEquals(1, count(equipment));
    }
}
