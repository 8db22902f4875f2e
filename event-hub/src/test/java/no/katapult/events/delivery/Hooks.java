package no.katapult.events.delivery;

import no.katapult.common.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.restassured.response.Response;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Subscribing receivers, and reading what they got the way a partner would: verified, as CloudEvents. */
final class Hooks {

    static final String SUBSCRIPTIONS = "/api/v1/subscriptions";

    private Hooks() {
    }

    /** A subscription as its owner knows it. */
    record Subscribed(String id, String secret, String token) {
        String path() {
            return SUBSCRIPTIONS + "/" + id;
        }
    }

    static Subscribed subscribe(String token, WebhookReceiver receiver, String... types) {
        String body = "{\"url\": \"" + receiver.url() + "\", \"types\": ["
                + java.util.Arrays.stream(types).map(t -> "\"" + t + "\"").collect(Collectors.joining(", ")) + "]}";
        Response r = given().auth().oauth2(token).contentType("application/json").body(body).post(SUBSCRIPTIONS);
        assertEquals(201, r.statusCode(), r.asString());
        return new Subscribed(r.jsonPath().getString("id"), r.jsonPath().getString("secret"), token);
    }

    /** Verifies a request with the standardwebhooks library (not the hub's code) and reads it with the CloudEvents SDK. */
    static CloudEvent verified(Subscribed subscription, WebhookReceiver.Request request) {
        try {
            new Webhook(subscription.secret()).verify(request.body(), request.headers());
        } catch (Exception e) {
            throw new AssertionError("signature refused by standardwebhooks: " + e.getMessage(), e);
        }
        return new JsonFormat().deserialize(request.body().getBytes(StandardCharsets.UTF_8));
    }

    /** The CloudEvents a receiver accepted (answered 2xx), verified, in arrival order. */
    static List<CloudEvent> accepted(Subscribed subscription, WebhookReceiver receiver) {
        List<CloudEvent> events = new ArrayList<>();
        for (WebhookReceiver.Request r : receiver.accepted()) {
            events.add(verified(subscription, r));
        }
        return events;
    }

    static List<String> acceptedIds(WebhookReceiver receiver) {
        return receiver.accepted().stream().map(r -> r.header("webhook-id")).toList();
    }

    static JsonNode data(CloudEvent event) {
        return ((io.cloudevents.jackson.JsonCloudEventData) event.getData()).getNode();
    }

    static int sequence(CloudEvent event) {
        return ((Number) event.getExtension("sequence")).intValue();
    }

    /** The subscription's attempt log, newest first. */
    static List<Map<String, Object>> attempts(Subscribed subscription) {
        Response r = given().auth().oauth2(subscription.token()).queryParam("size", 100).get(subscription.path() + "/deliveries");
        assertEquals(200, r.statusCode(), r.asString());
        return r.jsonPath().getList("items");
    }

    static Map<String, Object> read(Subscribed subscription) {
        Response r = given().auth().oauth2(subscription.token()).get(subscription.path());
        assertEquals(200, r.statusCode(), r.asString());
        return r.jsonPath().getMap("");
    }
}
