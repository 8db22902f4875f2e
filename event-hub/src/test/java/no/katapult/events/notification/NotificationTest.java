package no.katapult.events.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import no.katapult.common.events.EventEnvelope;
import no.katapult.common.events.Outbox;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.events.Events;
import no.katapult.events.config.EventHubConfig;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * E-mail notifications end to end inside the hub: events in the log, recipients from the data, the contact
 * table and a directory that answers as Keycloak's admin API does (a real HTTP server), mails through a real
 * SMTP server (GreenMail) and read back over IMAP. Every test writes to addresses of its own.
 */
@QuarkusTest
class NotificationTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static MailServer mail;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    EventHubConfig config;

    @BeforeAll
    static void startMailServer() {
        mail = new MailServer().start();
    }

    @AfterAll
    static void stopMailServer() {
        mail.stop();
    }

    /** One mail the test expects: to whom, about which event, of which kind, in which language. */
    record Expected(String to, EventEnvelope event, MailKind kind, Language language) {
    }

    @Test
    void everyKindReachesItsReadersInTheirLanguageOncePerEvent() {
        String run = run();
        List<Expected> expected = new ArrayList<>();
        List<EventEnvelope> events = new ArrayList<>();
        String partnerOrg = TestOrgNumbers.fresh();
        String partnerContact = address("partner", run);
        List<ObjectNode> operators = new ArrayList<>();
        events.add(NotificationEvents.organisation(partnerOrg, "Per Partner", partnerContact));
        for (Language language : Language.values()) {
            String tag = language == Language.EN ? "en-GB" : "nb";
            String lang = language.tag();
            String centre = "centre-" + lang + "-" + run;
            String operator = address("operator-" + lang, run);
            // The centre's contact is not written to: the directory names an operator.
            events.add(NotificationEvents.centre(centre, address("centre-" + lang, run)));
            operators.add(Directory.operator("operator-" + centre, operator, centre, tag));
            EventEnvelope requested = NotificationEvents.booking("no.katapult.booking.requested", centre,
                    TestOrgNumbers.fresh(), address("sme-" + lang, run), tag, "0.00", "Prototyp <script>alert(1)</script>");
            events.add(requested);
            expected.add(new Expected(operator, requested, MailKind.BOOKING_REQUESTED, language));

            String booker = address("booker-" + lang, run);
            for (String type : List.of("confirmed", "rejected", "cancelled")) {
                EventEnvelope e = NotificationEvents.booking("no.katapult.booking." + type, centre, TestOrgNumbers.fresh(),
                        booker, tag, type.equals("confirmed") ? "4200.00" : "0.00", "Girkasse");
                events.add(e);
                expected.add(new Expected(booker, e, MailKind.ofTemplate("booking-" + type), language));
            }

            String submitter = address("submitter-" + lang, run);
            String contact = address("contact-" + lang, run);
            EventEnvelope submitted = NotificationEvents.application("no.katapult.application.submitted",
                    TestOrgNumbers.fresh(), submitter, tag, contact, List.of(), false);
            events.add(submitted);
            expected.add(new Expected(submitter, submitted, MailKind.APPLICATION_SUBMITTED, language));
            expected.add(new Expected(contact, submitted, MailKind.APPLICATION_SUBMITTED, language));

            String reviewer = address("reviewer-" + lang, run);
            EventEnvelope assigned = NotificationEvents.reviewersAssigned(List.of(
                    NotificationEvents.reviewer("reviewer-" + lang, reviewer, tag)));
            events.add(assigned);
            expected.add(new Expected(reviewer, assigned, MailKind.REVIEWER_ASSIGNED, language));

            EventEnvelope decided = NotificationEvents.application("no.katapult.application.decided",
                    TestOrgNumbers.fresh(), submitter, tag, contact, List.of(partnerOrg), language == Language.NB);
            events.add(decided);
            expected.add(new Expected(submitter, decided, MailKind.APPLICATION_DECIDED, language));
            expected.add(new Expected(contact, decided, MailKind.APPLICATION_DECIDED, language));
            // The partners' contact persons' language is not known: bokmål.
            expected.add(new Expected(partnerContact, decided, MailKind.PARTNER_DECIDED, Language.NB));
        }
        Directory.users(operators);
        Events.append(outbox, events.toArray(EventEnvelope[]::new));

        Map<String, List<MailServer.Received>> inboxes = awaitMails(expected);
        for (Expected e : expected) {
            List<MailServer.Received> about = inboxes.get(e.to()).stream()
                    .filter(m -> e.event().id().toString().equals(m.eventId())).toList();
            assertEquals(1, about.size(), "one mail to " + e.to() + " about " + e.event().type());
            MailServer.Received m = about.get(0);
            check(e, m);
        }
        assertEquals(expected.size(), sentRows(events), "one SENT notification per (event, recipient), nothing else");
    }

    @Test
    void aCentreWithoutOperatorsInTheDirectoryIsToldAtItsContactEmailInBokmal() {
        String run = run();
        String centre = "quiet-" + run;
        String contact = address("post", run);
        EventEnvelope registered = NotificationEvents.centre(centre, contact);
        // An operator of another centre, and one of this centre without an e-mail: neither counts.
        Directory.users(List.of(Directory.operator("elsewhere", address("elsewhere", run), "other-" + run, "en"),
                Directory.operator("no-mail", null, centre, "en")));
        EventEnvelope requested = NotificationEvents.booking("no.katapult.booking.requested", centre, TestOrgNumbers.fresh(),
                address("sme", run), "en", "0.00", "Workshop");
        Events.append(outbox, registered, requested);

        Expected e = new Expected(contact, requested, MailKind.BOOKING_REQUESTED, Language.NB);
        check(e, awaitMails(List.of(e)).get(contact).get(0));
        assertTrue(mail.inbox(address("elsewhere", run)).isEmpty());
        assertTrue(Directory.requests().stream().anyMatch(r -> r.contains("q=centre_code%3A" + centre)
                && r.contains("briefRepresentation=false") && r.contains("Bearer ")),
                "asked Keycloak's admin API for the centre's operators with the hub's token: " + Directory.requests());
    }

    @Test
    void whileSmtpIsDownMailsAreRetriedAndEachArrivesExactlyOnce() {
        List<Expected> expected = confirmations("patient-", 4, true);
        List<EventEnvelope> events = expected.stream().map(Expected::event).toList();
        mail.stop();
        try {
            Events.append(outbox, events.toArray(EventEnvelope[]::new));
            await().atMost(ARRIVAL).until(() -> failedAttempts(events) >= 2L * events.size());
        } finally {
            mail.start();
        }
        Map<String, List<MailServer.Received>> inboxes = awaitMails(expected);
        // A while longer: nothing more comes.
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        for (Expected e : expected) {
            List<MailServer.Received> got = mail.inbox(e.to());
            assertEquals(1, got.size(), "exactly one mail to " + e.to() + ": " + got);
            check(e, inboxes.get(e.to()).get(0));
        }
        assertEquals(events.size(), sentRows(events));
        List<Object[]> attempts = QuarkusTransaction.requiringNew().call(() -> rows(
                "SELECT a.outcome, a.error FROM notification_attempt a JOIN notification n ON n.id = a.notification_id "
                        + "WHERE n.event_id IN (:ids) ORDER BY a.id", events));
        assertTrue(attempts.stream().anyMatch(a -> "RETRYING".equals(a[0]) && a[1] != null),
                "the failed attempts are recorded with their error");
        assertEquals(events.size(), attempts.stream().filter(a -> "SENT".equals(a[0])).count());
    }

    @Test
    void aBurstOfMailsGoesOutAtTheFirstAttempt() {
        // With pooled connections off, Vert.x mail left about one send in 50 waiting in its pool until the send
        // timeout; 50 mails in a row then rarely all went out at their first attempt.
        List<Expected> expected = confirmations("burst-", 50, false);
        List<EventEnvelope> events = expected.stream().map(Expected::event).toList();
        Events.append(outbox, events.toArray(EventEnvelope[]::new));
        awaitMails(expected);
        await().atMost(ARRIVAL).until(() -> sentRows(events) == events.size());
        assertEquals(0L, failedAttempts(events), "no mail needed a second attempt:\n"
                + String.join("\n", notifications(expected)));
    }

    @Test
    void theNotifierWaitsForTheDirectoryThenFallsBackToTheCentresContact() {
        String run = run();
        String centre = "flaky-" + run;
        String operator = address("operator", run);
        String contact = address("post", run);
        Directory.users(List.of(Directory.operator("operator-" + run, operator, centre, "nb")));
        Directory.failWith(503);
        try {
            EventEnvelope first = NotificationEvents.booking("no.katapult.booking.requested", centre, TestOrgNumbers.fresh(),
                    address("sme", run), "nb", "0.00", "Første");
            Events.append(outbox, NotificationEvents.centre(centre, contact), first);
            // A short outage: the mail waits for the directory instead of going to the centre's contact.
            await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
            assertEquals(0, notificationRows(List.of(first)));
            Directory.failWith(0);
            Expected toOperator = new Expected(operator, first, MailKind.BOOKING_REQUESTED, Language.NB);
            check(toOperator, awaitMails(List.of(toOperator)).get(operator).get(0));

            // A long outage: after CATAPULT_DIRECTORY_GIVE_UP_AFTER (3 s in tests) the centre's contact is told.
            Directory.failWith(503);
            EventEnvelope second = NotificationEvents.booking("no.katapult.booking.requested", centre, TestOrgNumbers.fresh(),
                    address("sme", run), "nb", "0.00", "Andre");
            Events.append(outbox, second);
            Expected toContact = new Expected(contact, second, MailKind.BOOKING_REQUESTED, Language.NB);
            check(toContact, awaitMails(List.of(toContact)).get(contact).get(0));
            assertEquals(1, mail.inbox(operator).size(), "the operator had only the first");
        } finally {
            Directory.failWith(0);
        }
    }

    /** What every mail must be: from the configured sender, to its reader, in its language, about its event. */
    private void check(Expected e, MailServer.Received m) {
        String from = config.notifications().smtp().from();
        assertEquals(List.of(e.to()), m.to());
        assertTrue(from.contains("<" + m.from() + ">"), m.from());
        assertEquals(MessageIds.of(e.event().id(), e.to(), from), m.messageId(), "Message-ID from event and recipient");
        assertEquals(e.event().id().toString(), m.eventId());
        assertEquals(e.event().type(), m.eventType());
        assertEquals(e.event().subject(), m.eventSubject());
        assertEquals(e.language().tag(), m.language(), "Content-Language of " + m.subject());
        assertTrue(m.subject().contains(SUBJECTS.get(e.kind())[e.language().ordinal()]),
                e.kind() + " in " + e.language() + ": " + m.subject());
        assertNotNull(m.text(), "a plain-text part");
        assertNotNull(m.html(), "an HTML part");
        assertTrue(m.html().contains("<html lang=\"" + e.language().tag() + "\">"), m.html());
        boolean english = e.language() == Language.EN;
        // Greeting, signature and footer come from the layout, in the reader's language.
        for (String words : english ? List.of("<p>Hello,</p>", "Kind regards<br>Norsk katapult", "replies are not read")
                : List.of("<p>Hei,</p>", "Hilsen<br>Norsk katapult", "svar på den leses ikke")) {
            assertTrue(m.html().contains(words), words + " in " + m.html());
        }
        if (e.kind().name().startsWith("BOOKING_")) {
            assertTrue(m.html().contains(english ? ">Resource</th>" : ">Ressurs</th>"), "the booking's table: " + m.html());
        }
        if (e.kind() == MailKind.BOOKING_REQUESTED) {
            assertTrue(m.html().contains("<td>" + e.event().orgNo() + "</td></tr>"), "the request's own rows: " + m.html());
        }
        String link = "https://katapult.example.no/api/v1/" + e.event().subject();
        if (e.kind() != MailKind.PARTNER_DECIDED) {
            assertTrue(m.text().contains(link), "links to " + link + ": " + m.text());
            assertTrue(m.html().contains("href=\"" + link + "\""), m.html());
        }
        assertTrue(m.text().contains(SIGNATURES[e.language().ordinal()]), m.text());
        if (e.kind() == MailKind.BOOKING_REQUESTED && m.text().contains("<script>")) {
            assertTrue(m.html().contains("&lt;script&gt;") && !m.html().contains("<script>"), "HTML is escaped: " + m.html());
        }
        if (e.kind() == MailKind.BOOKING_CONFIRMED && e.event().data().at("/price/aidAmount/amount").decimalValue().signum() > 0) {
            String statement = "https://katapult.example.no/api/v1/aid/" + e.event().orgNo() + "/statement?year=2027";
            assertTrue(m.text().contains(statement), "a confirmation with aid links to the aid statement: " + m.text());
            assertTrue(m.text().contains(e.language() == Language.EN ? "NOK 4,200.00" : "4\u00a0200,00 kr"), m.text());
            assertTrue(m.text().contains("2023/2831"), m.text());
        }
        if (e.kind() == MailKind.BOOKING_REQUESTED) {
            assertTrue(m.text().contains(e.language() == Language.EN ? "Tuesday 30 March 2027 at 09:00"
                    : "tirsdag 30. mars 2027 kl. 09:00"), "Oslo time in the reader's words: " + m.text());
        }
    }

    private static final Map<MailKind, String[]> SUBJECTS = Map.of(
            MailKind.BOOKING_REQUESTED, new String[]{"Ny bookingforespørsel", "New booking request"},
            MailKind.BOOKING_CONFIRMED, new String[]{"Bookingen din er bekreftet", "Your booking is confirmed"},
            MailKind.BOOKING_REJECTED, new String[]{"Bookingen din er avslått", "Your booking was rejected"},
            MailKind.BOOKING_CANCELLED, new String[]{"Bookingen din er kansellert", "Your booking was cancelled"},
            MailKind.APPLICATION_SUBMITTED, new String[]{"er sendt inn", "has been submitted"},
            MailKind.REVIEWER_ASSIGNED, new String[]{"til vurdering", "to review"},
            MailKind.APPLICATION_DECIDED, new String[]{"er innvilget", "has been rejected"},
            MailKind.PARTNER_DECIDED, new String[]{"der dere er partner", "in which you are a partner"});
    private static final String[] SIGNATURES = {"Hilsen\nNorsk katapult", "Kind regards\nNorsk katapult"};

    /** Booking confirmations to {@code count} bookers of a fresh run, in Bokmål or, when {@code mixed}, every other one in English. */
    private static List<Expected> confirmations(String prefix, int count, boolean mixed) {
        String run = run();
        List<Expected> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Language language = mixed && i % 2 == 1 ? Language.EN : Language.NB;
            String booker = address(prefix + i, run);
            EventEnvelope e = NotificationEvents.booking("no.katapult.booking.confirmed", "digicat", TestOrgNumbers.fresh(),
                    booker, language.tag(), "0.00", "Venter");
            expected.add(new Expected(booker, e, MailKind.BOOKING_CONFIRMED, language));
        }
        return expected;
    }

    /** Waits until every expected mail is in its reader's inbox; returns the inboxes. */
    private static Map<String, List<MailServer.Received>> awaitMails(List<Expected> expected) {
        Map<String, List<MailServer.Received>> inboxes = new LinkedHashMap<>();
        try {
            await().atMost(ARRIVAL).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                inboxes.clear();
                for (Expected e : expected) {
                    List<MailServer.Received> inbox = inboxes.computeIfAbsent(e.to(), mail::inbox);
                    assertTrue(inbox.stream().anyMatch(m -> e.event().id().toString().equals(m.eventId())),
                            "no mail yet to " + e.to() + " about " + e.event().type());
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\nWhat the notification table says:\n"
                    + String.join("\n", notifications(expected)), e);
        }
        return inboxes;
    }

    /** The table's rows for the expected mails, for the message of a test that waited in vain. */
    private static List<String> notifications(List<Expected> expected) {
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT recipient, event_type, status, attempts, last_error, "
                            + "next_attempt_at FROM notification WHERE event_id IN (:ids) ORDER BY id")
                    .setParameter("ids", expected.stream().map(e -> e.event().id()).distinct().toList()).getResultList();
            return rows.stream().map(Arrays::toString).toList();
        });
    }

    private long sentRows(List<EventEnvelope> events) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM notification WHERE event_id IN (:ids) AND status = 'SENT'")
                .setParameter("ids", events.stream().map(EventEnvelope::id).toList()).getSingleResult()).longValue());
    }

    private long notificationRows(List<EventEnvelope> events) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM notification WHERE event_id IN (:ids)")
                .setParameter("ids", events.stream().map(EventEnvelope::id).toList()).getSingleResult()).longValue());
    }

    private long failedAttempts(List<EventEnvelope> events) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "SELECT count(*) FROM notification_attempt a JOIN notification n ON n.id = a.notification_id "
                                + "WHERE n.event_id IN (:ids) AND a.outcome = 'RETRYING'")
                .setParameter("ids", events.stream().map(EventEnvelope::id).toList()).getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, List<EventEnvelope> events) {
        return em.createNativeQuery(sql).setParameter("ids", events.stream().map(EventEnvelope::id).toList())
                .getResultList();
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String address(String who, String run) {
        return who + "-" + run + "@test.katapult.no";
    }
}
