package no.katapult.common.testing;

import io.restassured.path.json.JsonPath;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Reads the service under test's own event feed as the suite's components do (role {@code internal}).
 * Events reach the feed once the outbox's sequencer has positioned them (a fraction of a second after
 * commit), so the tests wait for what they expect instead of reading once.
 */
public final class EventFeed {

    public static final String PATH = "/internal/v1/outbox";
    static final long TIMEOUT_MILLIS = 20_000;

    private EventFeed() {
    }

    public static String token() {
        return TestTokens.user("svc", "internal").sign();
    }

    /** Every positioned event, in feed order, read page by page from {@code after=0}. */
    public static List<Map<String, Object>> all() {
        String token = token();
        List<Map<String, Object>> events = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonPath page = given().auth().oauth2(token).queryParam("after", after).queryParam("limit", 1000)
                    .get(PATH).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            if (items.isEmpty()) {
                return events;
            }
            events.addAll(items);
            after = page.getLong("next");
        }
    }

    /** The events of one subject, in feed order. */
    public static List<Map<String, Object>> of(String subject) {
        return all().stream().filter(e -> subject.equals(e.get("subject"))).toList();
    }

    /** The events of {@code subject} in feed order, once there are {@code count}; fails on more, or on fewer in time. */
    public static List<Map<String, Object>> await(String subject, int count) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (true) {
            List<Map<String, Object>> events = of(subject);
            if (events.size() > count) {
                throw new AssertionError("Expected " + count + " events of " + subject + ", found " + events.size()
                        + ": " + events);
            }
            if (events.size() == count) {
                return events;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Only " + events.size() + " of " + count + " events of " + subject
                        + " in the feed: " + events);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for events", e);
            }
        }
    }

    /** The types of events, in their order. */
    public static List<String> types(List<Map<String, Object>> events) {
        return events.stream().map(e -> (String) e.get("type")).toList();
    }

    /** The sequence numbers of events, in their order. */
    public static List<Long> sequences(List<Map<String, Object>> events) {
        return events.stream().map(e -> ((Number) e.get("sequence")).longValue()).toList();
    }

    /** The envelope's own fields: what happened to what, in which place of the subject's order, from where. */
    public static void assertEvent(Map<String, Object> event, String source, String type, String subject, long sequence) {
        assertEquals(type, event.get("type"), event::toString);
        assertEquals(subject, event.get("subject"), event::toString);
        assertEquals(sequence, ((Number) event.get("sequence")).longValue(), event::toString);
        assertEquals(source, event.get("source"), event::toString);
        UUID.fromString((String) event.get("id"));
        assertNotNull(event.get("time"), event::toString);
        assertNotNull(event.get("position"), event::toString);
    }

    /**
     * The event's view is the representation the API answered. Numbers compare by value: the outbox keeps
     * a JSON number, not its scale, so an amount the API writes as 1250.00 is 1250 in the feed.
     */
    public static void assertSameView(Map<String, Object> expected, Object actual) {
        assertEquals(byValue(expected), byValue(actual));
    }

    private static Object byValue(Object json) {
        if (json instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros();
        }
        if (json instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, byValue(v)));
            return copy;
        }
        if (json instanceof List<?> list) {
            return list.stream().map(EventFeed::byValue).toList();
        }
        return json;
    }
}
