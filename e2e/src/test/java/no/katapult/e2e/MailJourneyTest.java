package no.katapult.e2e;

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
import no.katapult.openapi.ApiClient;
import no.katapult.openapi.ApiException;
import no.katapult.openapi.ApiResponse;
import no.katapult.openapi.api.ApplicationsApi;
import no.katapult.openapi.api.BookingsApi;
import no.katapult.openapi.api.CallsApi;
import no.katapult.openapi.api.CentresApi;
import no.katapult.openapi.api.DecisionsApi;
import no.katapult.openapi.api.EventsApi;
import no.katapult.openapi.api.FacilitiesApi;
import no.katapult.openapi.api.OrganisationsApi;
import no.katapult.openapi.api.ReviewsApi;
import no.katapult.openapi.model.Application;
import no.katapult.openapi.model.ApplicationOutcome;
import no.katapult.openapi.model.ApplicationRequest;
import no.katapult.openapi.model.ApplicationStatus;
import no.katapult.openapi.model.Attachment;
import no.katapult.openapi.model.AttachmentKind;
import no.katapult.openapi.model.Booking;
import no.katapult.openapi.model.BookingActionReason;
import no.katapult.openapi.model.BookingStatus;
import no.katapult.openapi.model.BudgetCategory;
import no.katapult.openapi.model.BudgetLine;
import no.katapult.openapi.model.Call;
import no.katapult.openapi.model.CallKind;
import no.katapult.openapi.model.CallRequest;
import no.katapult.openapi.model.Centre;
import no.katapult.openapi.model.CloudEvent;
import no.katapult.openapi.model.ConsortiumPartner;
import no.katapult.openapi.model.ContactPerson;
import no.katapult.openapi.model.Criterion;
import no.katapult.openapi.model.DecisionRequest;
import no.katapult.openapi.model.EventPage;
import no.katapult.openapi.model.Facility;
import no.katapult.openapi.model.Organisation;
import no.katapult.openapi.model.OrganisationContactPerson;
import no.katapult.openapi.model.OrganisationKind;
import no.katapult.openapi.model.OrganisationRequest;
import no.katapult.openapi.model.Recommendation;
import no.katapult.openapi.model.Review;
import no.katapult.openapi.model.ReviewRequest;
import no.katapult.openapi.model.ReviewersRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

    @Test
    void eachPersonIsToldOnceInTheirLanguageAndNobodyOfARefusedChange() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String cursor = Feed.end();

        // A booking that needs approval: its centre's operators are told.
        Facility facility = facilityNeedingApproval("smart-innovation-norway");
        List<Slots.Slot> slots = Slots.freeSlots(facility, Slots.nextMonday().plusWeeks(3), 14, 3);
        assertTrue(slots.size() == 3, "three free slots of " + facility.getName());
        UUID bjornBooking = book("sme-bjorn", slots.get(0), "Mail journey " + run);
        UUID annaBooking = book("sme-anna", slots.get(1), "Mail journey " + run);
        // Refused for the overlap: the transaction rolls back, so there is no event and no mail.
        String refused = "Refused overlap " + run;
        BookingsApi bjornsBookings = new BookingsApi(Clients.as("sme-bjorn"));
        Clients.assertProblem(409, "booking-conflict",
                () -> bjornsBookings.createBooking(slots.get(1).bookingRequest(refused), UUID.randomUUID().toString()));

        // The booker is told of each decision about their booking.
        BookingsApi halden = new BookingsApi(Clients.as("operator-halden"));
        ApiResponse<Booking> confirmed = halden.confirmBookingWithHttpInfo(bjornBooking, null);
        assertEquals(200, confirmed.getStatusCode());
        assertEquals(BookingStatus.CONFIRMED, confirmed.getData().getStatus());
        ApiResponse<Booking> cancelled = bjornsBookings.cancelBookingWithHttpInfo(bjornBooking,
                new BookingActionReason().reason("Planene endret seg (e2e)"), null);
        assertEquals(200, cancelled.getStatusCode());
        assertEquals(BookingStatus.CANCELLED, cancelled.getData().getStatus());
        ApiResponse<Booking> rejected = halden.rejectBookingWithHttpInfo(annaBooking,
                new BookingActionReason().reason("Vedlikehold (e2e)"), null);
        assertEquals(200, rejected.getStatusCode());
        assertEquals(BookingStatus.REJECTED, rejected.getData().getStatus());

        // An application: submitted (lead applicant), reviewers assigned (each reviewer), decided (lead applicant
        // and the partners' contact persons).
        String partnerContact = "post-protomore" + DOMAIN;
        setContactPerson(PROTOMORE, "Post ProtoMore", partnerContact);
        UUID application = decidedApplication(run);

        Map<String, List<CloudEvent>> events = Feed.read(cursor, List.of("bookings/" + bjornBooking,
                "bookings/" + annaBooking, "applications/" + application), 8);
        CloudEvent bjornRequested = one(events, "bookings/" + bjornBooking, "no.katapult.booking.requested");
        CloudEvent annaRequested = one(events, "bookings/" + annaBooking, "no.katapult.booking.requested");
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
            assertEquals(e.event().getType(), mail.eventType());
            assertEquals(e.event().getSubject(), mail.eventSubject());
            assertTrue(mail.messageId().startsWith("<" + e.eventId() + "."), () -> "Message-ID from the event: " + mail);
            assertTrue(mail.text().contains(e.language().equals("en") ? "Kind regards" : "Hilsen"), mail::text);
        }
        // The same mails once more, a little later: nothing was sent twice.
        Thread.sleep(3000);
        for (Expected e : expected) {
            assertEquals(1, inbox(e.address()).stream().filter(m -> e.eventId().equals(m.eventId())).count(),
                    () -> "exactly one mail to " + e.address() + " about " + e.event().getType());
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
    record Expected(String address, CloudEvent event, String language, String subjectText) {
        Expected {
            address = address.contains("@") ? address : address + DOMAIN;
        }

        String eventId() {
            return event.getId();
        }
    }

    /** A mail as read over IMAP, with the headers the hub writes. */
    record Mail(String subject, List<String> to, String language, String messageId, String eventId, String eventType,
                String eventSubject, String text) {
    }

    private static CloudEvent one(Map<String, List<CloudEvent>> events, String subject, String type) {
        List<CloudEvent> found = events.getOrDefault(subject, List.of()).stream()
                .filter(e -> type.equals(e.getType())).toList();
        assertEquals(1, found.size(), () -> type + " of " + subject + " in the feed: " + events.get(subject));
        return found.get(0);
    }

    private static Facility facilityNeedingApproval(String centreCode) throws ApiException {
        ApiClient anonymous = Clients.anonymous();
        var centres = new CentresApi(anonymous).listCentresWithHttpInfo(centreCode, null, null, null, null, null, null,
                null);
        assertEquals(200, centres.getStatusCode());
        List<Centre> found = centres.getData().getItems();
        assertFalse(found.isEmpty(), () -> "no centre " + centreCode);
        UUID centreId = found.get(0).getId();
        FacilitiesApi facilities = new FacilitiesApi(anonymous);
        var list = facilities.listFacilitiesWithHttpInfo(null, null, centreId, null, null, null, 100, null);
        assertEquals(200, list.getStatusCode());
        for (Facility item : list.getData().getItems()) {
            Facility f = facilities.getFacility(item.getId());
            if (Boolean.TRUE.equals(f.getBookingRules().getRequiresApproval()) && Boolean.TRUE.equals(f.getBookable())
                    && Boolean.TRUE.equals(f.getActive())) {
                return f;
            }
        }
        return fail("the centre " + centreCode + " has no facility that requires approval");
    }

    private static UUID book(String user, Slots.Slot slot, String purpose) throws ApiException {
        ApiResponse<Booking> created = new BookingsApi(Clients.as(user))
                .createBookingWithHttpInfo(slot.bookingRequest(purpose), UUID.randomUUID().toString());
        assertEquals(201, created.getStatusCode());
        assertEquals(BookingStatus.REQUESTED, created.getData().getStatus());
        assertNotNull(created.getData().getId());
        return created.getData().getId();
    }

    /** Gives the organisation a contact person, keeping the rest of its record (creating it when missing). */
    private static void setContactPerson(String orgNo, String name, String email) throws ApiException {
        OrganisationsApi organisations = new OrganisationsApi(Clients.as("siva-admin"));
        OrganisationRequest request = new OrganisationRequest();
        String ifMatch = null;
        ApiResponse<Organisation> current = null;
        try {
            current = organisations.getOrganisationWithHttpInfo(orgNo);
        } catch (ApiException e) {
            assertEquals(404, e.getCode(), e::getResponseBody);
        }
        if (current != null) {
            assertEquals(200, current.getStatusCode());
            Organisation found = current.getData();
            request.name(found.getName()).kind(found.getKind()).smeDeclaration(found.getSmeDeclaration());
            ifMatch = current.getHeaders().getOrDefault("ETag", List.of()).stream().findFirst()
                    .orElseThrow(() -> new AssertionError("no ETag on the organisation " + orgNo));
        } else {
            request.name("ProtoMore (demo)").kind(OrganisationKind.COMPANY);
        }
        request.contactPerson(new OrganisationContactPerson().name(name).email(email));
        ApiResponse<Organisation> written = organisations.putOrganisationWithHttpInfo(orgNo, request, ifMatch);
        assertTrue(written.getStatusCode() == 200 || written.getStatusCode() == 201, () -> "status " + written.getStatusCode());
        assertEquals(email, written.getData().getContactPerson().getEmail());
    }

    /** A call, an application of applicant-sin with ProtoMore as partner, submitted, two reviewers, approved. */
    private static UUID decidedApplication(String run) throws ApiException, IOException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        ApiResponse<Call> call = new CallsApi(Clients.as("siva-admin")).createCallWithHttpInfo(new CallRequest()
                .title("Forprosjekt e-post " + run).description("End-to-end call (test data)").kind(CallKind.PRE_PROJECT)
                .opensAt(now.minusHours(1)).closesAt(now.plusDays(14))
                .budget(Journeys.nok(1000000)).maxAmountPerApplication(Journeys.nok(200000))
                .criteria(List.of(new Criterion().code("relevance").name("Relevans").description("Relevans")
                        .weight(new BigDecimal("1.0")))));
        assertEquals(201, call.getStatusCode());
        ApplicationsApi sins = new ApplicationsApi(Clients.as("applicant-sin"));
        ApiResponse<Application> draft = sins.createApplicationWithHttpInfo(new ApplicationRequest()
                .callId(call.getData().getId()).title("Varsler på e-post " + run).summary("Forprosjekt (e2e)")
                .focusArea("industrial-services")
                .contactPerson(new ContactPerson().name("Kontakt " + run).email("kontakt-" + run + DOMAIN))
                .partners(List.of(new ConsortiumPartner().orgNo(PROTOMORE).name("ProtoMore (demo)").role("Partner")))
                .budgetLines(List.of(new BudgetLine().category(BudgetCategory.PERSONNEL).description("Prosjektledelse")
                        .amount(Journeys.nok(150000))))
                .requestedAmount(Journeys.nok(100000))
                .ownFunding(Journeys.nok(50000)), UUID.randomUUID().toString());
        assertEquals(201, draft.getStatusCode());
        UUID id = draft.getData().getId();
        // The upload stays on Suite.API: the generated client streams the multipart body without the Content-Length
        // this route requires (Java's HttpClient will not let one be set), so it is refused (over HTTP/2 as a 400).
        Answer attached = ApplicationJourneyTest.attachProjectDescription("applicant-sin", id.toString());
        assertEquals(201, attached.status(), attached::toString);
        Attachment attachment = Clients.STRICT.readValue(attached.body(), Attachment.class);
        assertEquals(AttachmentKind.PROJECT_DESCRIPTION, attachment.getKind(), attached::toString);
        assertEquals("application/pdf", attachment.getMediaType(), attached::toString);
        ApiResponse<Application> submitted = sins.submitApplicationWithHttpInfo(id, null);
        assertEquals(200, submitted.getStatusCode());
        assertEquals(ApplicationStatus.SUBMITTED, submitted.getData().getStatus());

        // Reviewers sign in once, so their organisation, address and locale are on record.
        for (String reviewer : List.of("reviewer-1", "reviewer-2")) {
            assertEquals(200, new ApplicationsApi(Clients.as(reviewer))
                    .listApplicationsWithHttpInfo(null, null, null, null, null, null).getStatusCode());
        }
        ApiResponse<?> assigned = new ReviewsApi(Clients.as("siva-admin")).assignReviewersWithHttpInfo(id,
                new ReviewersRequest().reviewers(List.of("reviewer-1", "reviewer-2")), null);
        assertEquals(200, assigned.getStatusCode());
        ApiResponse<Review> review = new ReviewsApi(Clients.as("reviewer-1")).saveMyReviewWithHttpInfo(id,
                new ReviewRequest().scores(Map.of("relevance", new BigDecimal("6"))).comment("Godt (e2e)")
                        .recommendation(Recommendation.APPROVE));
        assertTrue(review.getStatusCode() == 200 || review.getStatusCode() == 201, () -> "status " + review.getStatusCode());
        ApiResponse<Application> decision = new DecisionsApi(Clients.as("siva-admin")).decideApplicationWithHttpInfo(id,
                new DecisionRequest().outcome(ApplicationOutcome.APPROVED).grantedAmount(Journeys.nok(100000))
                        .conditions("Sluttrapport").justification("Relevant (e2e)"), null);
        assertEquals(200, decision.getStatusCode());
        assertEquals(ApplicationStatus.APPROVED, decision.getData().getStatus());
        return id;
    }


    /** The feed as siva-admin sees it: every event, full view. */
    static final class Feed {
        private static final EventsApi EVENTS = new EventsApi(Clients.as("siva-admin"));

        private Feed() {
        }

        /** The cursor after the newest event. */
        static String end() throws ApiException {
            String after = null;
            while (true) {
                EventPage page = page(after);
                after = page.getNext();
                if (page.getItems().isEmpty()) {
                    return after;
                }
            }
        }

        /** The events of these subjects after the cursor, waiting until the feed holds {@code expected} of them. */
        static Map<String, List<CloudEvent>> read(String cursor, List<String> subjects, int expected)
                throws InterruptedException, ApiException {
            Map<String, List<CloudEvent>> found = new LinkedHashMap<>();
            String after = cursor;
            int count = 0;
            long deadline = System.nanoTime() + ARRIVAL.toNanos();
            while (count < expected && System.nanoTime() < deadline) {
                EventPage page = page(after);
                after = page.getNext();
                for (CloudEvent e : page.getItems()) {
                    if (subjects.contains(e.getSubject())) {
                        found.computeIfAbsent(e.getSubject(), s -> new ArrayList<>()).add(e);
                        count++;
                    }
                }
                if (page.getItems().isEmpty()) {
                    Thread.sleep(500);
                }
            }
            return found;
        }

        private static EventPage page(String after) throws ApiException {
            ApiResponse<EventPage> page = EVENTS.listEventsWithHttpInfo(after, 500, null);
            assertEquals(200, page.getStatusCode());
            assertNotNull(page.getData().getNext(), "every page of the feed names the cursor after it");
            return page.getData();
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
