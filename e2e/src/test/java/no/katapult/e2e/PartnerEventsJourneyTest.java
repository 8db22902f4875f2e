package no.katapult.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import no.katapult.client.Answer;
import no.katapult.common.testing.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static no.katapult.e2e.Suite.API;
import static no.katapult.e2e.Suite.PARTNER;
import static no.katapult.e2e.Suite.PARTNER_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Journey 5: Innovasjon Norge subscribes through the gateway to a receiver of its own, an application is decided,
 * and the partner is pushed a signed CloudEvent with the public fields only, then pulls the same event from the feed.
 */
class PartnerEventsJourneyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DECIDED = "no.katapult.application.decided";
    /** The members of PublicApplication, the partner's view of a decided application. */
    private static final Set<String> PUBLIC_FIELDS = Set.of("id", "reference", "callId", "callTitle", "title",
            "leadApplicant", "partners", "outcome", "grantedAmount", "decidedAt");

    @Test
    void partnerIsPushedTheSignedDecisionAndReadsTheSameEventFromTheFeed() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Answer subscribed = API.post("/api/v1/subscriptions").asClient(PARTNER, PARTNER_SECRET).body("""
                    {"url": "%s", "types": ["%s"], "description": "e2e: decisions for Innovasjon Norge"}"""
                    .formatted(receiver.url(), DECIDED)).send();
            assertEquals(201, subscribed.status(), subscribed::toString);
            String subscription = subscribed.json().path("id").asText();
            String secret = subscribed.json().path("secret").asText();
            assertTrue(secret.startsWith("whsec_"), subscribed::toString);
            try {
                String application = ApplicationJourneyTest.approvedApplication();

                WebhookReceiver.Request pushed = awaitDelivery(receiver, application, Duration.ofSeconds(90));
                new Webhook(secret).verify(pushed.body(), pushed.headers());
                JsonNode event = JSON.readTree(pushed.body());
                assertEquals("1.0", event.path("specversion").asText());
                assertEquals(DECIDED, event.path("type").asText());
                assertEquals("/katapult/application-service", event.path("source").asText());
                assertEquals("applications/" + application, event.path("subject").asText());
                assertEquals(pushed.header("webhook-id"), event.path("id").asText(), "the webhook id is the event id");
                assertEquals("APPROVED", event.at("/data/outcome").asText());
                event.path("data").fieldNames().forEachRemaining(field ->
                        assertTrue(PUBLIC_FIELDS.contains(field), "a partner is sent no field " + field + ": " + pushed.body()));
                assertFalse(pushed.body().contains("reviewer-1"), "never reviewer identities");
                assertFalse(pushed.body().contains(ApplicationJourneyTest.REVIEW_COMMENT), "never review comments");
                assertFalse(pushed.body().contains("sina@example.org"), "never the contact person");

                JsonNode pulled = fromFeed(event.path("id").asText())
                        .orElseGet(() -> fail("the pushed event " + event.path("id") + " is not in the partner's feed"));
                assertEquals(event, pulled, "the same event, pushed and pulled");
            } finally {
                Answer removed = API.request("DELETE", "/api/v1/subscriptions/" + subscription).asClient(PARTNER, PARTNER_SECRET).send();
                assertEquals(204, removed.status(), removed::toString);
            }
        }
    }

    /** The first delivery whose event is about this application, waiting for it as long as given. */
    private static WebhookReceiver.Request awaitDelivery(WebhookReceiver receiver, String application, Duration wait)
            throws Exception {
        Instant until = Instant.now().plus(wait);
        while (Instant.now().isBefore(until)) {
            for (WebhookReceiver.Request r : receiver.accepted()) {
                if (application.equals(JSON.readTree(r.body()).at("/data/id").asText())) {
                    return r;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + DECIDED + " for application " + application + " within " + wait
                + "; the receiver got " + receiver.requests().size() + " requests");
    }

    /** The event with this id in the partner's feed of decisions, read page by page from the oldest. */
    private static Optional<JsonNode> fromFeed(String id) {
        String type = URLEncoder.encode(DECIDED, StandardCharsets.UTF_8);
        String after = null;
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 1000; page++) {
            Answer feed = API.get("/api/v1/events?size=500&type=" + type + (after == null ? "" : "&after=" + after))
                    .asClient(PARTNER, PARTNER_SECRET).send();
            assertEquals(200, feed.status(), feed::toString);
            for (JsonNode event : feed.json().path("items")) {
                if (id.equals(event.path("id").asText())) {
                    return Optional.of(event);
                }
                seen.add(event.path("id").asText());
            }
            if (feed.json().path("items").isEmpty()) {
                return Optional.empty();
            }
            after = feed.json().path("next").asText();
        }
        throw new AssertionError("the feed did not end after 1000 pages (" + seen.size() + " events)");
    }
}
