package no.katapult.events.delivery;

import no.katapult.common.testing.WebhookReceiver;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.events.EventEnvelope;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import no.katapult.events.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real receivers get signed CloudEvents, verified with the standardwebhooks library, as their owner may see them. */
@QuarkusTest
class SignedDeliveryTest extends AbstractDeliveryTest {

    @Test
    void everyEventTypeArrivesSignedAsACloudEvent() {
        WebhookReceiver receiver = receiver();
        Hooks.Subscribed admin = Hooks.subscribe(TestTokens.admin(), receiver);
        String org = TestOrgNumbers.fresh();
        List<EventEnvelope> events = Events.TYPES.stream().map(t -> Events.sample(t, org)).toList();
        Events.append(outbox, events.toArray(EventEnvelope[]::new));

        Set<String> ids = events.stream().map(e -> e.id().toString()).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(20)).until(() -> Hooks.acceptedIds(receiver).containsAll(ids));

        Map<String, EventEnvelope> byId = events.stream().collect(Collectors.toMap(e -> e.id().toString(), Function.identity()));
        Set<String> types = new java.util.HashSet<>();
        for (WebhookReceiver.Request request : receiver.accepted()) {
            EventEnvelope sent = byId.get(request.header("webhook-id"));
            if (sent == null) {
                continue; // another test's event: this subscription sees everything
            }
            CloudEvent event = Hooks.verified(admin, request);
            assertEquals("application/cloudevents+json", request.header("content-type"));
            assertEquals(sent.id().toString(), event.getId(), "webhook-id is the event id");
            long timestamp = Long.parseLong(request.header("webhook-timestamp"));
            assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 120, "webhook-timestamp is Unix seconds");
            assertTrue(request.header("webhook-signature").startsWith("v1,"));
            assertEquals(SpecVersion.V1, event.getSpecVersion());
            assertEquals(sent.type(), event.getType());
            assertEquals(sent.source(), event.getSource().toString());
            assertEquals(sent.subject(), event.getSubject());
            assertEquals("application/json", event.getDataContentType());
            assertEquals(sent.time().toInstant(), event.getTime().toInstant());
            assertEquals(1, Hooks.sequence(event));
            assertEquals(sent.data(), Hooks.data(event), "siva-admin gets the full data");
            types.add(event.getType());
        }
        assertEquals(Set.copyOf(Events.TYPES), types, "one signed delivery of every type");
    }

    @Test
    void deliveriesCarryWhatTheirOwnerMaySee() {
        String org = TestOrgNumbers.fresh();
        WebhookReceiver adminReceiver = receiver();
        WebhookReceiver partnerReceiver = receiver();
        WebhookReceiver smeReceiver = receiver();
        Hooks.Subscribed admin = Hooks.subscribe(TestTokens.admin(), adminReceiver);
        Hooks.Subscribed partner = Hooks.subscribe(TestTokens.partner(), partnerReceiver,
                "no.katapult.application.decided", "no.katapult.booking.", "no.katapult.aid.");
        Hooks.Subscribed sme = Hooks.subscribe(TestTokens.sme("sme-hooks", org), smeReceiver);

        EventEnvelope submitted = Events.sample("no.katapult.application.submitted", org);
        EventEnvelope decided = Events.sample("no.katapult.application.decided", org);
        EventEnvelope centre = Events.sample("no.katapult.centre.updated", null);
        EventEnvelope booking = Events.sample("no.katapult.booking.confirmed", org);
        EventEnvelope aid = Events.next(booking, "no.katapult.aid.granted");
        EventEnvelope othersBooking = Events.sample("no.katapult.booking.requested", TestOrgNumbers.fresh());
        List<EventEnvelope> all = List.of(submitted, decided, centre, booking, aid, othersBooking);
        Events.append(outbox, all.toArray(EventEnvelope[]::new));
        List<String> allIds = all.stream().map(e -> e.id().toString()).toList();

        await().atMost(Duration.ofSeconds(20)).until(() -> Hooks.acceptedIds(adminReceiver).containsAll(allIds));
        List<String> partnerExpected = ids(decided, booking, aid, othersBooking);
        await().atMost(Duration.ofSeconds(20)).until(() -> Hooks.acceptedIds(partnerReceiver).containsAll(partnerExpected));
        List<String> smeExpected = ids(booking, aid);
        await().atMost(Duration.ofSeconds(20)).until(() -> Hooks.acceptedIds(smeReceiver).containsAll(smeExpected));
        // Anything else would have come with them (one log order); a moment more shows nothing else comes.
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);

        Map<String, CloudEvent> partnerGot = byId(Hooks.accepted(partner, partnerReceiver));
        assertEquals(Set.copyOf(partnerExpected), intersect(partnerGot.keySet(), allIds),
                "a partner: application.decided, booking and aid events; never submitted, never another type");
        assertFalse(Hooks.data(partnerGot.get(booking.id().toString())).has("bookedBy"));
        assertFalse(Hooks.data(partnerGot.get(booking.id().toString())).has("purpose"));
        assertFalse(Hooks.data(partnerGot.get(decided.id().toString())).has("justification"));
        assertEquals(decided.partnerData(), Hooks.data(partnerGot.get(decided.id().toString())));

        Map<String, CloudEvent> smeGot = byId(Hooks.accepted(sme, smeReceiver));
        assertEquals(Set.copyOf(smeExpected), smeGot.keySet(), "an sme: its organisation's booking and aid events only");
        assertEquals(booking.data(), Hooks.data(smeGot.get(booking.id().toString())), "with its own data in full");
        assertEquals(List.of(1, 2), Hooks.accepted(sme, smeReceiver).stream().map(Hooks::sequence).toList(),
                "one subject's events in sequence order; attempts: " + Hooks.attempts(sme));

        Map<String, CloudEvent> adminGot = byId(Hooks.accepted(admin, adminReceiver));
        assertEquals(submitted.data(), Hooks.data(adminGot.get(submitted.id().toString())));
    }

    static List<String> ids(EventEnvelope... events) {
        return java.util.Arrays.stream(events).map(e -> e.id().toString()).toList();
    }

    static Map<String, CloudEvent> byId(List<CloudEvent> events) {
        return events.stream().collect(Collectors.toMap(CloudEvent::getId, Function.identity(), (a, b) -> a));
    }

    static Set<String> intersect(Set<String> got, List<String> ours) {
        return got.stream().filter(ours::contains).collect(Collectors.toSet());
    }
}
