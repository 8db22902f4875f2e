package no.katapult.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import no.katapult.client.Answer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import static no.katapult.e2e.Problems.assertProblem;
import static no.katapult.e2e.Suite.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Journey 6: the people are told by e-mail. Through the gateway with the demo users, each notification is caused
 * and read over IMAP from the local GreenMail (127.0.0.1:3143; user = full address, any password), as the person's
 * own mail client would: in their language (sme-bjorn and reviewer-2 read English, the rest bokmål), exactly one
 * per event (the event ids come from the feed), and none for a change that was refused and rolled back.
 */
class MailJourneyTest {

    static final String IMAP_HOST = Suite.setting("imap.host", "E2E_IMAP_HOST", "127.0.0.1");
    static final int IMAP_PORT = Integer.parseInt(Suite.setting("imap.port", "E2E_IMAP_PORT", "3143"));
    static final Duration ARRIVAL = Duration.ofSeconds(90);
    static final String DOMAIN = "@demo.katapult.no";
    static final String PROTOMORE = "930000035";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachPersonIsToldOnceInTheirLanguageAndNobodyOfARefusedChange() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String cursor = Feed.end();

        // A booking that needs approval: its centre's operators are told.
        JsonNode facility = facilityNeedingApproval("smart-innovation-norway");
        List<Slots.Slot> slots = Slots.freeSlots(facility, Slots.nextMonday().plusWeeks(3), 14, 3);
        assertTrue(slots.size() == 3, "three free slots of " + facility.path("name").asText());
        String bjornBooking = book("sme-bjorn", slots.get(0), "Mail journey " + run);
        String annaBooking = book("sme-anna", slots.get(1), "Mail journey " + run);
        // Refused for the overlap: the transaction rolls back, so there is no event and no mail.
        String refused = "Refused overlap " + run;
        assertProblem(API.post("/api/v1/bookings").as("sme-bjorn").idempotencyKey(UUID.randomUUID().toString())
                .body(slots.get(1).bookingBody(refused)).send(), 409, "booking-conflict");

        // The booker is told of each decision about their booking.
        assertEquals(200, API.post("/api/v1/bookings/" + bjornBooking + "/confirm").as("operator-halden").send().status());
        assertEquals(200, API.post("/api/v1/bookings/" + bjornBooking + "/cancel").as("sme-bjorn")
                .body(Map.of("reason", "Planene endret seg (e2e)")).send().status());
        assertEquals(200, API.post("/api/v1/bookings/" + annaBooking + "/reject").as("operator-halden")
                .body(Map.of("reason", "Vedlikehold (e2e)")).send().status());

        // An application: submitted (lead applicant), reviewers assigned (each reviewer), decided (lead applicant
        // and the partners' contact persons).
        String partnerContact = "post-protomore" + DOMAIN;
        setContactPerson(PROTOMORE, "Post ProtoMore", partnerContact);
        String application = decidedApplication(run);

        Map<String, List<JsonNode>> events = Feed.read(cursor, List.of("bookings/" + bjornBooking,
                "bookings/" + annaBooking, "applications/" + application), 8);
        JsonNode bjornRequested = one(events, "bookings/" + bjornBooking, "no.katapult.booking.requested");
        JsonNode annaRequested = one(events, "bookings/" + annaBooking, "no.katapult.booking.requested");
        String contact = "kontakt-" + run + DOMAIN;
        List<Expected> expected = List.of(
                new Expected("operator-halden", bjornRequested, "nb", "Ny bookingforespørsel"),
                new Expected("operator-halden", annaRequested, "nb", "Ny bookingforespørsel"),
                new Expected("sme-bjorn", one(events, "bookings/" + bjornBooking, "no.katapult.booking.confirmed"),
                        "en", "Your booking is confirmed"),
                new Expected("sme-bjorn", one(events, "bookings/" + bjornBooking, "no.katapult.booking.cancelled"),
                        "en", "Your booking was cancelled"),
                new Expected("sme-anna", one(events, "bookings/" + annaBooking, "no.katapult.booking.rejected"),
                        "nb", "Bookingen din er avslått"),
                new Expected("applicant-sin", one(events, "applications/" + application,
                        "no.katapult.application.submitted"), "nb", "er sendt inn"),
                new Expected(contact, one(events, "applications/" + application,
                        "no.katapult.application.submitted"), "nb", "er sendt inn"),
                new Expected("reviewer-1", one(events, "applications/" + application,
                        "no.katapult.application.reviewers-assigned"), "nb", "til vurdering"),
                new Expected("reviewer-2", one(events, "applications/" + application,
                        "no.katapult.application.reviewers-assigned"), "en", "to review"),
                new Expected("applicant-sin", one(events, "applications/" + application,
                        "no.katapult.application.decided"), "nb", "er innvilget"),
                new Expected(contact, one(events, "applications/" + application,
                        "no.katapult.application.decided"), "nb", "er innvilget"),
                new Expected(partnerContact, one(events, "applications/" + application,
                        "no.katapult.application.decided"), "nb", "der dere er partner"));

        for (Expected e : expected) {
            Mail mail = awaitOne(e.address(), m -> e.eventId().equals(m.eventId()));
            assertEquals(List.of(e.address()), mail.to());
            assertEquals(e.language(), mail.language(), () -> "Content-Language of " + mail);
            assertTrue(mail.subject().contains(e.subjectText()), () -> e + ": " + mail.subject());
            assertEquals(e.event().path("type").asText(), mail.eventType());
            assertEquals(e.event().path("subject").asText(), mail.eventSubject());
            assertTrue(mail.messageId().startsWith("<" + e.eventId() + "."), () -> "Message-ID from the event: " + mail);
            assertTrue(mail.text().contains(e.language().equals("en") ? "Kind regards" : "Hilsen"), mail::text);
        }
        // The same mails once more, a little later: nothing was sent twice.
        Thread.sleep(3000);
        for (Expected e : expected) {
            assertEquals(1, inbox(e.address()).stream().filter(m -> e.eventId().equals(m.eventId())).count(),
                    () -> "exactly one mail to " + e.address() + " about " + e.event().path("type").asText());
        }
        // Only the operators of the booking's centre were told; and nobody of the refused booking, although
        // mails of later events arrived, so it would have been read by now.
        for (String user : List.of("operator-digicat", "sme-bjorn", "operator-halden", "sme-anna")) {
            for (Mail m : inbox(user + DOMAIN)) {
                assertTrue(!m.text().contains(refused), () -> "a mail about the refused booking: " + m);
                if (user.equals("operator-digicat")) {
                    assertTrue(!m.eventSubject().equals("bookings/" + bjornBooking)
                            && !m.eventSubject().equals("bookings/" + annaBooking), () -> "another centre told: " + m);
                }
            }
        }
    }

    /** One mail the journey expects: to whom, about which event, in which language, with what in its subject. */
    record Expected(String address, JsonNode event, String language, String subjectText) {
        Expected {
            address = address.contains("@") ? address : address + DOMAIN;
        }

        String eventId() {
            return event.path("id").asText();
        }
    }

    /** A mail as read over IMAP, with the headers the hub writes. */
    record Mail(String subject, List<String> to, String language, String messageId, String eventId, String eventType,
                String eventSubject, String text) {
    }

    private static JsonNode one(Map<String, List<JsonNode>> events, String subject, String type) {
        List<JsonNode> found = events.getOrDefault(subject, List.of()).stream()
                .filter(e -> e.path("type").asText().equals(type)).toList();
        assertEquals(1, found.size(), () -> type + " of " + subject + " in the feed: " + events.get(subject));
        return found.get(0);
    }

    private static JsonNode facilityNeedingApproval(String centreCode) {
        Answer centres = API.get("/api/v1/centres").query("code", centreCode).send();
        assertEquals(200, centres.status(), centres::toString);
        String centreId = centres.json().at("/items/0/id").asText();
        Answer list = API.get("/api/v1/facilities").query("centreId", centreId).query("size", 100).send();
        assertEquals(200, list.status(), list::toString);
        for (JsonNode item : list.json().path("items")) {
            JsonNode f = API.get("/api/v1/facilities/" + item.path("id").asText()).send().json();
            if (f.at("/bookingRules/requiresApproval").asBoolean() && f.path("bookable").asBoolean()
                    && f.path("active").asBoolean()) {
                return f;
            }
        }
        return fail("the centre " + centreCode + " has no facility that requires approval");
    }

    private static String book(String user, Slots.Slot slot, String purpose) {
        Answer created = API.post("/api/v1/bookings").as(user).idempotencyKey(UUID.randomUUID().toString())
                .body(slot.bookingBody(purpose)).send();
        assertEquals(201, created.status(), created::toString);
        assertEquals("REQUESTED", created.json().path("status").asText());
        return created.json().path("id").asText();
    }

    /** Gives the organisation a contact person, keeping the rest of its record (creating it when missing). */
    private static void setContactPerson(String orgNo, String name, String email) {
        Answer current = API.get("/api/v1/organisations/" + orgNo).as("siva-admin").send();
        ObjectNode body = JSON.createObjectNode();
        var request = API.put("/api/v1/organisations/" + orgNo).as("siva-admin");
        if (current.status() == 200) {
            body.put("name", current.json().path("name").asText()).put("kind", current.json().path("kind").asText());
            if (current.json().path("smeDeclaration").isObject()) {
                body.set("smeDeclaration", current.json().path("smeDeclaration"));
            }
            request = request.header("If-Match", current.header("ETag").orElseThrow());
        } else {
            assertEquals(404, current.status(), current::toString);
            body.put("name", "ProtoMore (demo)").put("kind", "COMPANY");
        }
        body.putObject("contactPerson").put("name", name).put("email", email);
        Answer written = request.body(body).send();
        assertTrue(written.status() == 200 || written.status() == 201, written::toString);
        assertEquals(email, written.json().at("/contactPerson/email").asText());
    }

    /** A call, an application of applicant-sin with ProtoMore as partner, submitted, two reviewers, approved. */
    private static String decidedApplication(String run) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        Answer call = API.post("/api/v1/calls").as("siva-admin").body("""
                {"title": "Forprosjekt e-post %s", "description": "End-to-end call (test data)", "kind": "PRE_PROJECT",
                 "opensAt": "%s", "closesAt": "%s",
                 "budget": {"amount": 1000000, "currency": "NOK"},
                 "maxAmountPerApplication": {"amount": 200000, "currency": "NOK"},
                 "criteria": [{"code": "relevance", "name": "Relevans", "description": "Relevans", "weight": 1.0}]}
                """.formatted(run, now.minusHours(1), now.plusDays(14))).send();
        assertEquals(201, call.status(), call::toString);
        Answer draft = API.post("/api/v1/applications").as("applicant-sin").idempotencyKey(UUID.randomUUID().toString())
                .body("""
                {"callId": "%s", "title": "Varsler på e-post %s", "summary": "Forprosjekt (e2e)",
                 "focusArea": "industrial-services",
                 "contactPerson": {"name": "Kontakt %s", "email": "kontakt-%s%s"},
                 "partners": [{"orgNo": "%s", "name": "ProtoMore (demo)", "role": "Partner"}],
                 "budgetLines": [{"category": "PERSONNEL", "description": "Prosjektledelse", "amount": {"amount": 150000, "currency": "NOK"}}],
                 "requestedAmount": {"amount": 100000, "currency": "NOK"},
                 "ownFunding": {"amount": 50000, "currency": "NOK"}}"""
                        .formatted(call.json().path("id").asText(), run, run, run, DOMAIN, PROTOMORE)).send();
        assertEquals(201, draft.status(), draft::toString);
        String id = draft.json().path("id").asText();
        Answer attached = ApplicationJourneyTest.attachProjectDescription("applicant-sin", id);
        assertEquals(201, attached.status(), attached::toString);
        Answer submitted = API.post("/api/v1/applications/" + id + "/submit").as("applicant-sin").send();
        assertEquals(200, submitted.status(), submitted::toString);

        // Reviewers sign in once, so their organisation, address and locale are on record.
        assertEquals(200, API.get("/api/v1/applications").as("reviewer-1").send().status());
        assertEquals(200, API.get("/api/v1/applications").as("reviewer-2").send().status());
        Answer assigned = API.put("/api/v1/applications/" + id + "/reviewers").as("siva-admin")
                .body("{\"reviewers\": [\"reviewer-1\", \"reviewer-2\"]}").send();
        assertEquals(200, assigned.status(), assigned::toString);
        Answer review = API.put("/api/v1/applications/" + id + "/reviews/me").as("reviewer-1")
                .body("{\"scores\": {\"relevance\": 6}, \"comment\": \"Godt (e2e)\", \"recommendation\": \"APPROVE\"}")
                .send();
        assertTrue(review.status() == 200 || review.status() == 201, review::toString);
        Answer decision = API.post("/api/v1/applications/" + id + "/decision").as("siva-admin").body("""
                {"outcome": "APPROVED", "grantedAmount": {"amount": 100000, "currency": "NOK"},
                 "conditions": "Sluttrapport", "justification": "Relevant (e2e)"}""").send();
        assertEquals(200, decision.status(), decision::toString);
        return id;
    }

    /** The feed as siva-admin sees it: every event, full view. */
    static final class Feed {
        private Feed() {
        }

        /** The cursor after the newest event. */
        static String end() {
            String after = null;
            while (true) {
                JsonNode page = page(after);
                after = page.path("next").asText();
                if (page.path("items").isEmpty()) {
                    return after;
                }
            }
        }

        /** The events of these subjects after the cursor, waiting until the feed holds {@code expected} of them. */
        static Map<String, List<JsonNode>> read(String cursor, List<String> subjects, int expected)
                throws InterruptedException {
            Map<String, List<JsonNode>> found = new LinkedHashMap<>();
            String after = cursor;
            int count = 0;
            long deadline = System.nanoTime() + ARRIVAL.toNanos();
            while (count < expected && System.nanoTime() < deadline) {
                JsonNode page = page(after);
                after = page.path("next").asText();
                for (JsonNode e : page.path("items")) {
                    if (subjects.contains(e.path("subject").asText())) {
                        found.computeIfAbsent(e.path("subject").asText(), s -> new ArrayList<>()).add(e);
                        count++;
                    }
                }
                if (page.path("items").isEmpty()) {
                    Thread.sleep(500);
                }
            }
            return found;
        }

        private static JsonNode page(String after) {
            var request = API.get("/api/v1/events").as("siva-admin").query("size", 500);
            if (after != null) {
                request = request.query("after", after);
            }
            Answer page = request.send();
            assertEquals(200, page.status(), page::toString);
            return page.json();
        }
    }

    /** Waits until exactly the address's mailbox holds a mail that matches; fails after {@link #ARRIVAL}. */
    private static Mail awaitOne(String address, Predicate<Mail> about) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (true) {
            List<Mail> matching = inbox(address).stream().filter(about).toList();
            if (!matching.isEmpty()) {
                assertEquals(1, matching.size(), () -> "more than one mail to " + address + ": " + matching);
                return matching.get(0);
            }
            if (System.nanoTime() > deadline) {
                return fail("no mail to " + address + " within " + ARRIVAL.toSeconds() + " s");
            }
            Thread.sleep(1000);
        }
    }

    /** Everything in the address's INBOX, over IMAP as any mail client reads it (any password opens it). */
    static List<Mail> inbox(String address) {
        try {
            Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect(IMAP_HOST, IMAP_PORT, address, "any-password");
            try {
                Folder folder = store.getFolder("INBOX");
                if (!folder.exists()) {
                    return List.of();
                }
                folder.open(Folder.READ_ONLY);
                try {
                    List<Mail> mails = new ArrayList<>();
                    for (Message m : folder.getMessages()) {
                        mails.add(read(m));
                    }
                    return mails;
                } finally {
                    folder.close(false);
                }
            } finally {
                store.close();
            }
        } catch (MessagingException | IOException e) {
            throw new AssertionError("could not read the mailbox of " + address + " at " + IMAP_HOST + ":" + IMAP_PORT
                    + " (is ./catapult up running GreenMail?): " + e.getMessage(), e);
        }
    }

    private static Mail read(Message m) throws MessagingException, IOException {
        List<String> to = new ArrayList<>();
        for (var a : m.getRecipients(Message.RecipientType.TO)) {
            to.add(((InternetAddress) a).getAddress());
        }
        return new Mail(m.getSubject(), to, header(m, "Content-Language"), header(m, "Message-ID"),
                header(m, "X-Katapult-Event-Id"), header(m, "X-Katapult-Event-Type"), header(m, "X-Katapult-Subject"),
                text(m));
    }

    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String text = text(body);
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    private static String header(Message m, String name) throws MessagingException {
        String[] values = m.getHeader(name);
        return values == null || values.length == 0 ? "" : values[0];
    }
}
