package no.katapult.events.delivery;

import no.katapult.common.testing.WebhookReceiver;
import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.common.events.EventEnvelope;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import no.katapult.events.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failed deliveries: retried on the schedule (short in tests: 0.2, 0.4, 0.8 and 1.6 s) or later when the
 * receiver says Retry-After, dead-lettered after the last attempt and sent again by a replay; 410 and
 * repeated dead letters disable the subscription. Each test's subscription belongs to an sme of a fresh
 * organisation, so that it sees only its own events.
 */
@QuarkusTest
class RetryTest extends AbstractDeliveryTest {

    /** The sme's own feed head: where a replay from "now" starts. */
    static String head(String token) {
        return given().auth().oauth2(token).queryParam("type", "no.such.type").get("/api/v1/events")
                .then().statusCode(200).extract().path("next");
    }

    @Test
    void aReceiverThatIsDownForAWhileGetsEveryEventInSubjectOrder() {
        WebhookReceiver receiver = receiver();
        receiver.down();
        String org = TestOrgNumbers.fresh();
        Hooks.Subscribed sub = Hooks.subscribe(TestTokens.sme("sme-down", org), receiver);

        List<EventEnvelope> firsts = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            firsts.add(Events.sample("no.katapult.booking.requested", org));
        }
        List<EventEnvelope> all = new ArrayList<>();
        Map<String, EventEnvelope> last = new LinkedHashMap<>();
        firsts.forEach(f -> last.put(f.subject(), f));
        all.addAll(firsts);
        for (String type : List.of("no.katapult.booking.confirmed", "no.katapult.aid.granted", "no.katapult.booking.cancelled")) {
            for (EventEnvelope f : firsts) {
                EventEnvelope next = Events.next(last.get(f.subject()), type);
                last.put(f.subject(), next);
                all.add(next);
            }
        }
        // Appended in three transactions, interleaving the subjects.
        Events.append(outbox, all.subList(0, 4).toArray(EventEnvelope[]::new));
        Events.append(outbox, all.subList(4, 8).toArray(EventEnvelope[]::new));
        Events.append(outbox, all.subList(8, 12).toArray(EventEnvelope[]::new));

        // Refusing connections for a while, then answering 503 for a while, then well again.
        await().pollDelay(Duration.ofMillis(800)).until(() -> true);
        long upAt = System.nanoTime();
        receiver.answering(n -> WebhookReceiver.Answer.of(System.nanoTime() - upAt < 1_000_000_000L ? 503 : 200));
        receiver.up();

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() >= all.size());
        List<CloudEvent> got = Hooks.accepted(sub, receiver);
        assertEquals(all.size(), got.size(), "every event, once; attempts: " + Hooks.attempts(sub));
        for (EventEnvelope first : firsts) {
            List<Integer> sequences = got.stream().filter(e -> first.subject().equals(e.getSubject())).map(Hooks::sequence).toList();
            assertEquals(List.of(1, 2, 3, 4), sequences, "subject " + first.subject() + " in sequence order; attempts: "
                    + Hooks.attempts(sub));
        }
        assertTrue(receiver.requests().stream().anyMatch(r -> r.answered() == 503), "it did answer 503 for a while");
        List<Map<String, Object>> attempts = Hooks.attempts(sub);
        assertTrue(attempts.stream().anyMatch(a -> "RETRYING".equals(a.get("outcome")) && a.get("statusCode") == null
                && a.get("error") != null), "refused connections are in the attempt log");
        assertTrue(attempts.stream().anyMatch(a -> "RETRYING".equals(a.get("outcome")) && Integer.valueOf(503).equals(a.get("statusCode"))));
        assertEquals(all.size(), attempts.stream().filter(a -> "DELIVERED".equals(a.get("outcome"))).count());
        assertEquals("ACTIVE", Hooks.read(sub).get("status"));
    }

    @Test
    void retryAfterIsHonoured() {
        WebhookReceiver receiver = receiver().answering(n -> n == 1 ? new WebhookReceiver.Answer(503, "2") : WebhookReceiver.Answer.of(200));
        String org = TestOrgNumbers.fresh();
        Hooks.Subscribed sub = Hooks.subscribe(TestTokens.sme("sme-later", org), receiver);
        EventEnvelope event = Events.sample("no.katapult.aid.granted", org);
        Events.append(outbox, event);

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 1);
        List<WebhookReceiver.Request> requests = receiver.requests();
        assertEquals(2, requests.size());
        Duration between = Duration.between(requests.get(0).at(), requests.get(1).at());
        assertTrue(between.toMillis() >= 1900, "waited as asked (2 s), not the scheduled 0.2 s: " + between);
        assertEquals(event.id().toString(), requests.get(1).header("webhook-id"), "a retry keeps the event id");

        Map<String, Object> retrying = Hooks.attempts(sub).stream().filter(a -> "RETRYING".equals(a.get("outcome")))
                .findFirst().orElseThrow();
        Duration planned = Duration.between(OffsetDateTime.parse((String) retrying.get("attemptedAt")),
                OffsetDateTime.parse((String) retrying.get("nextRetryAt")));
        assertEquals(Duration.ofSeconds(2), planned);
        assertEquals(503, retrying.get("statusCode"));
    }

    @Test
    void aDeadLetterIsLoggedAndAReplaySendsItAgain() {
        WebhookReceiver receiver = receiver().always(500);
        String org = TestOrgNumbers.fresh();
        String token = TestTokens.sme("sme-dead", org);
        Hooks.Subscribed sub = Hooks.subscribe(token, receiver);
        String before = head(token);
        EventEnvelope event = Events.sample("no.katapult.booking.rejected", org);
        Events.append(outbox, event);

        await().atMost(Duration.ofSeconds(30)).until(() -> Hooks.attempts(sub).stream()
                .anyMatch(a -> "DEAD".equals(a.get("outcome"))));
        List<Map<String, Object>> attempts = Hooks.attempts(sub);
        assertEquals(5, attempts.size(), "the first attempt and one per wait of the schedule");
        assertEquals(List.of(5, 4, 3, 2, 1), attempts.stream().map(a -> a.get("attempt")).toList(), "newest first");
        Map<String, Object> dead = attempts.get(0);
        assertEquals(event.id().toString(), dead.get("eventId"));
        assertEquals("no.katapult.booking.rejected", dead.get("eventType"));
        assertEquals(500, dead.get("statusCode"));
        assertNull(dead.get("nextRetryAt"), "no retry after a dead letter");
        assertTrue(((Number) dead.get("latencyMs")).intValue() >= 0);
        attempts.subList(1, 5).forEach(a -> {
            assertEquals("RETRYING", a.get("outcome"));
            assertTrue(a.get("nextRetryAt") != null);
        });
        Response deadOnly = given().auth().oauth2(token).queryParam("outcome", "DEAD").get(sub.path() + "/deliveries");
        assertEquals(1, deadOnly.jsonPath().getInt("total"));
        assertEquals("ACTIVE", Hooks.read(sub).get("status"), "one dead letter does not disable");

        receiver.always(200);
        Response replay = given().auth().oauth2(token).contentType("application/json")
                .body("{\"after\": \"" + before + "\"}").post(sub.path() + "/replay");
        assertEquals(202, replay.statusCode(), replay.asString());
        assertEquals(1, replay.jsonPath().getInt("queued"));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 1);
        CloudEvent again = Hooks.verified(sub, receiver.accepted().get(0));
        assertEquals(event.id().toString(), again.getId(), "the same event id");
        await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(Hooks.attempts(sub).get(0).get("outcome")));
    }

    @Test
    void aSubscriptionWhoseDeliveriesKeepDyingIsDisabledAndAReplayEnablesIt() {
        WebhookReceiver receiver = receiver().always(500);
        String org = TestOrgNumbers.fresh();
        String token = TestTokens.sme("sme-failing", org);
        Hooks.Subscribed sub = Hooks.subscribe(token, receiver);
        String before = head(token);
        List<EventEnvelope> events = List.of(Events.sample("no.katapult.booking.requested", org),
                Events.sample("no.katapult.booking.requested", org), Events.sample("no.katapult.booking.requested", org));
        Events.append(outbox, events.toArray(EventEnvelope[]::new));

        await().atMost(Duration.ofSeconds(30)).until(() -> "DISABLED".equals(Hooks.read(sub).get("status")));
        Map<String, Object> disabled = Hooks.read(sub);
        assertTrue(((String) disabled.get("statusReason")).contains("3 events in a row were dead-lettered"),
                (String) disabled.get("statusReason"));
        assertTrue(disabled.get("disabledAt") != null);

        receiver.always(200);
        Response replay = given().auth().oauth2(token).contentType("application/json")
                .body("{\"after\": \"" + before + "\"}").post(sub.path() + "/replay");
        assertEquals(202, replay.statusCode(), replay.asString());
        assertEquals("ACTIVE", replay.jsonPath().getString("status"));
        assertEquals("ACTIVE", Hooks.read(sub).get("status"));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 3);
    }

    @Test
    void gone410DisablesTheSubscriptionAtOnce() {
        WebhookReceiver receiver = receiver().always(410);
        String org = TestOrgNumbers.fresh();
        Hooks.Subscribed sub = Hooks.subscribe(TestTokens.sme("sme-gone", org), receiver);
        Events.append(outbox, Events.sample("no.katapult.aid.released", org), Events.sample("no.katapult.aid.released", org));

        await().atMost(Duration.ofSeconds(20)).until(() -> "DISABLED".equals(Hooks.read(sub).get("status")));
        assertTrue(((String) Hooks.read(sub).get("statusReason")).contains("410"));
        int seen = receiver.requests().size();
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertEquals(seen, receiver.requests().size(), "nothing more is sent to a disabled subscription");
        assertTrue(Hooks.attempts(sub).stream().anyMatch(a -> "GONE".equals(a.get("outcome"))));
    }
}
