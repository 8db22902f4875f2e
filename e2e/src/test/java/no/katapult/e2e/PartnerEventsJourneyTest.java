package no.katapult.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import no.katapult.common.testing.WebhookReceiver;
import no.katapult.openapi.ApiException;
import no.katapult.openapi.ApiResponse;
import no.katapult.openapi.api.EventsApi;
import no.katapult.openapi.api.SubscriptionsApi;
import no.katapult.openapi.model.ApplicationStatus;
import no.katapult.openapi.model.CloudEvent;
import no.katapult.openapi.model.EventPage;
import no.katapult.openapi.model.NewSubscription;
import no.katapult.openapi.model.PublicApplication;
import no.katapult.openapi.model.SubscriptionRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
        SubscriptionsApi subscriptions = new SubscriptionsApi(Clients.partner());
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            ApiResponse<NewSubscription> subscribed = subscriptions.createSubscriptionWithHttpInfo(new SubscriptionRequest()
                    .url(receiver.url()).types(List.of(DECIDED)).description("e2e: decisions for Innovasjon Norge"));
            assertEquals(201, subscribed.getStatusCode(), () -> String.valueOf(subscribed.getData()));
            UUID subscription = subscribed.getData().getId();
            String secret = subscribed.getData().getSecret();
            assertTrue(secret.startsWith("whsec_"), () -> String.valueOf(subscribed.getData()));
            try {
                String application = ApplicationJourneyTest.approvedApplication();

                // The push is the partner's own receiver, not the suite's API: read and verified as it came.
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

                // The pushed event is the contract's CloudEvent too, read as strictly as the client reads the feed.
                CloudEvent pushedEvent = Clients.STRICT.readValue(pushed.body(), CloudEvent.class);
                CloudEvent pulled = fromFeed(new EventsApi(Clients.partner()), pushedEvent.getId())
                        .orElseGet(() -> fail("the pushed event " + pushedEvent.getId() + " is not in the partner's feed"));
                assertEquals(pushedEvent, pulled, "the same event, pushed and pulled");
                PublicApplication decided = assertInstanceOf(PublicApplication.class, pulled.getData().getActualInstance(),
                        () -> "the partner is sent the public view of the application: " + pulled);
                assertEquals(UUID.fromString(application), decided.getId());
                assertEquals(ApplicationStatus.APPROVED, decided.getOutcome());
            } finally {
                ApiResponse<Void> removed = subscriptions.deleteSubscriptionWithHttpInfo(subscription.toString(), null);
                assertEquals(204, removed.getStatusCode(), removed.getHeaders()::toString);
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
    private static Optional<CloudEvent> fromFeed(EventsApi events, String id) throws ApiException {
        String after = null;
        int seen = 0;
        for (int page = 0; page < 1000; page++) {
            ApiResponse<EventPage> feed = events.listEventsWithHttpInfo(after, 500, DECIDED);
            assertEquals(200, feed.getStatusCode(), feed.getHeaders()::toString);
            List<CloudEvent> items = feed.getData().getItems();
            for (CloudEvent event : items) {
                if (id.equals(event.getId())) {
                    return Optional.of(event);
                }
                seen++;
            }
            if (items.isEmpty()) {
                return Optional.empty();
            }
            after = feed.getData().getNext();
        }
        throw new AssertionError("the feed did not end after 1000 pages (" + seen + " events)");
    }
}
