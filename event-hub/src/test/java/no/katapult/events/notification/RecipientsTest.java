package no.katapult.events.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import no.katapult.common.events.EventEnvelope;
import no.katapult.events.notification.Recipients.Contacts;
import no.katapult.events.notification.Recipients.Person;
import no.katapult.events.notification.Recipients.Recipient;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who is told about which event, at which address and in which language: the rules of {@link Recipients}, one per test. */
class RecipientsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // No contacts and no directory: a rule that should not consult them then finds nothing to add.
    private static final Contacts NO_CONTACTS = contacts(Map.of(), Map.of());
    // Qualified: the test package has its own Directory (the fake Keycloak's hold).
    private static final Recipients.Directory NO_OPERATORS = centreCode -> List.of();

    @Test
    void aBookingRequestGoesToTheCentresOperatorsInTheirOwnLanguage() {
        List<String> asked = new ArrayList<>();
        Recipients.Directory directory = centreCode -> {
            asked.add(centreCode);
            return centreCode.equals("digicat")
                    ? List.of(new Person("ola@digicat.no", "nb"), new Person("emma@digicat.no", "en-GB"),
                            new Person("nils@digicat.no", null))
                    : List.of(new Person("someone@elsewhere.no", "en"));
        };
        // The centre's contact e-mail is only the fallback: it must not be added next to the operators.
        Contacts contacts = contacts(Map.of("digicat", "post@digicat.no"), Map.of());

        List<Recipient> to = Recipients.of(event(Recipients.BOOKING_REQUESTED, booking("digicat")), contacts, directory);

        assertEquals(List.of(
                new Recipient("ola@digicat.no", Language.NB, MailKind.BOOKING_REQUESTED),
                new Recipient("emma@digicat.no", Language.EN, MailKind.BOOKING_REQUESTED),
                new Recipient("nils@digicat.no", Language.NB, MailKind.BOOKING_REQUESTED)), to);
        assertEquals(List.of("digicat"), asked);
    }

    @Test
    void aBookingRequestGoesToTheCentresContactEmailInBokmalWhenTheDirectoryHasNoOperators() {
        Contacts contacts = contacts(Map.of("digicat", "post@digicat.no", "other", "post@other.no"), Map.of());
        // The booker's English locale is not the centre's: the fallback address is written to in bokmål.
        ObjectNode data = booking("digicat").put("bookedByLocale", "en");

        List<Recipient> to = Recipients.of(event(Recipients.BOOKING_REQUESTED, data), contacts, NO_OPERATORS);

        assertEquals(List.of(new Recipient("post@digicat.no", Language.NB, MailKind.BOOKING_REQUESTED)), to);
    }

    @Test
    void aConfirmedRejectedOrCancelledBookingGoesToThePersonWhoBookedInTheirLanguage() {
        // Operators and the centre's address exist, but only the booker hears about the outcome.
        Recipients.Directory directory = centreCode -> List.of(new Person("ola@digicat.no", "nb"));
        Contacts contacts = contacts(Map.of("digicat", "post@digicat.no"), Map.of());
        Map<String, MailKind> kinds = Map.of(
                Recipients.BOOKING_CONFIRMED, MailKind.BOOKING_CONFIRMED,
                Recipients.BOOKING_REJECTED, MailKind.BOOKING_REJECTED,
                Recipients.BOOKING_CANCELLED, MailKind.BOOKING_CANCELLED);

        kinds.forEach((type, kind) -> {
            assertEquals(List.of(new Recipient("anna@havbruk.no", Language.EN, kind)),
                    Recipients.of(event(type, booking("digicat").put("bookedByLocale", "en-GB")), contacts, directory),
                    type);
            assertEquals(List.of(new Recipient("anna@havbruk.no", Language.NB, kind)),
                    Recipients.of(event(type, booking("digicat").put("bookedByLocale", "nn")), contacts, directory),
                    type);
        });
    }

    @Test
    void aSubmittedApplicationGoesToTheSubmitterAndTheContactPersonInTheSubmittersLanguage() {
        ObjectNode data = application("anna@havbruk.no", "en", "kari@havbruk.no");

        List<Recipient> to = Recipients.of(event(Recipients.APPLICATION_SUBMITTED, data), NO_CONTACTS, NO_OPERATORS);

        assertEquals(List.of(
                new Recipient("anna@havbruk.no", Language.EN, MailKind.APPLICATION_SUBMITTED),
                new Recipient("kari@havbruk.no", Language.EN, MailKind.APPLICATION_SUBMITTED)), to);
    }

    @Test
    void assignedReviewersGivenAsObjectsAreToldInTheirOwnLanguageAndPlainUsernamesAreSkipped() {
        ObjectNode data = JSON.createObjectNode().put("applicationId", UUID.randomUUID().toString());
        ArrayNode reviewers = data.putArray("reviewers");
        reviewers.addObject().put("username", "rev-per").put("email", "per@forskning.no").put("locale", "nb");
        // An older event names the reviewer only: no address to write to.
        reviewers.add("rev-lise");
        reviewers.addObject().put("username", "rev-john").put("email", "john@research.example").put("locale", "en");

        List<Recipient> to = Recipients.of(event(Recipients.REVIEWERS_ASSIGNED, data), NO_CONTACTS, NO_OPERATORS);

        assertEquals(List.of(
                new Recipient("per@forskning.no", Language.NB, MailKind.REVIEWER_ASSIGNED),
                new Recipient("john@research.example", Language.EN, MailKind.REVIEWER_ASSIGNED)), to);
    }

    @Test
    void aDecidedApplicationGoesToTheLeadAsWhenSubmittedAndToEachPartnersContactPersonInBokmal() {
        ObjectNode data = application("anna@havbruk.no", "en", "kari@havbruk.no");
        ArrayNode partners = data.putArray("partners");
        partners.addObject().put("orgNo", "920000001").put("name", "Sintef");
        // The log knows no contact person for this partner: nobody to tell there.
        partners.addObject().put("orgNo", "920000002").put("name", "Ukjent AS");
        partners.addObject().put("orgNo", "920000003").put("name", "NTNU");
        Contacts contacts = contacts(Map.of(), Map.of("920000001", "post@sintef.no", "920000003", "kontakt@ntnu.no"));

        List<Recipient> to = Recipients.of(event(Recipients.APPLICATION_DECIDED, data), contacts, NO_OPERATORS);

        assertEquals(List.of(
                new Recipient("anna@havbruk.no", Language.EN, MailKind.APPLICATION_DECIDED),
                new Recipient("kari@havbruk.no", Language.EN, MailKind.APPLICATION_DECIDED),
                new Recipient("post@sintef.no", Language.NB, MailKind.PARTNER_DECIDED),
                new Recipient("kontakt@ntnu.no", Language.NB, MailKind.PARTNER_DECIDED)), to);
    }

    @Test
    void anAddressIsWrittenToOnceAndItsFirstRoleWins() {
        // The submitter is also the contact person and a partner's contact, spelt differently each time.
        ObjectNode data = application("Anna@Havbruk.no", "en", " anna@havbruk.no ");
        data.putArray("partners").addObject().put("orgNo", "920000001");
        Contacts contacts = contacts(Map.of(), Map.of("920000001", "ANNA@HAVBRUK.NO"));

        List<Recipient> to = Recipients.of(event(Recipients.APPLICATION_DECIDED, data), contacts, NO_OPERATORS);

        assertEquals(List.of(new Recipient("anna@havbruk.no", Language.EN, MailKind.APPLICATION_DECIDED)), to);
    }

    @Test
    void anAddressThatIsNotASinglePlainAddressIsDropped() {
        ObjectNode data = JSON.createObjectNode();
        ArrayNode reviewers = data.putArray("reviewers");
        for (String email : List.of(
                "per@forskning.no\r\nBcc: eve@evil.example",   // header injection
                "per@forskning.no\nper2@forskning.no",        // two lines
                "per@forskning.no, eve@evil.example",         // a list
                "per@forskning.no;eve@evil.example",
                "<per@forskning.no>",                         // angle brackets
                "Per Hansen <per@forskning.no>",              // display name
                "\"Per\" <per@forskning.no>",
                "per hansen@forskning.no",                    // a space inside
                "per@@forskning.no",
                "per.forskning.no",                           // no @ at all
                "@forskning.no",
                "per@",
                "per\u2028@forskning.no",                     // a Unicode line separator
                "per\u0000@forskning.no",                     // NUL
                "per@forsk\u007fning.no",                     // DEL
                "per\u00a0hansen@forskning.no",               // a no-break space
                "per\u202e@forskning.no")) {                  // a right-to-left override
            reviewers.addObject().put("email", email).put("locale", "nb");
        }
        // The one plain address among them is kept, so the rule drops only what it should.
        reviewers.addObject().put("email", "lise@forskning.no").put("locale", "en");

        List<Recipient> to = Recipients.of(event(Recipients.REVIEWERS_ASSIGNED, data), NO_CONTACTS, NO_OPERATORS);

        assertEquals(List.of(new Recipient("lise@forskning.no", Language.EN, MailKind.REVIEWER_ASSIGNED)), to);
    }

    @Test
    void anUnknownEventTypeGivesNoRecipients() {
        // Data that would name recipients for a known type, and a directory and contacts that know everyone.
        ObjectNode data = application("anna@havbruk.no", "en", "kari@havbruk.no");
        data.setAll(booking("digicat"));
        Recipients.Directory directory = centreCode -> List.of(new Person("ola@digicat.no", "nb"));
        Contacts contacts = contacts(Map.of("digicat", "post@digicat.no"), Map.of("910000012", "post@havbruk.no"));

        assertEquals(List.of(), Recipients.of(event("no.katapult.centre.created", data), contacts, directory));
        // A type only sharing a known type's prefix is unknown as well.
        assertEquals(List.of(), Recipients.of(event(Recipients.BOOKING_REQUESTED + ".v2", data), contacts, directory));
    }

    /** Contacts from two maps: centre code to e-mail, organisation number to e-mail. */
    private static Contacts contacts(Map<String, String> centres, Map<String, String> organisations) {
        return new Contacts() {
            @Override
            public Optional<String> centreEmail(String centreCode) {
                return Optional.ofNullable(centres.get(centreCode));
            }

            @Override
            public Optional<String> organisationEmail(String orgNo) {
                return Optional.ofNullable(organisations.get(orgNo));
            }
        };
    }

    /** A booking's full view with the fields the notifier reads, as facility-booking publishes them. */
    private static ObjectNode booking(String centreCode) {
        return JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("orgNo", "910000012")
                .put("centreCode", centreCode).put("bookedBy", "sme-anna")
                .put("bookedByEmail", "anna@havbruk.no").put("bookedByLocale", "nb");
    }

    /** An application's full view: the submitter (recorded at submit) and the contact person. */
    private static ObjectNode application(String submitterEmail, String submitterLocale, String contactEmail) {
        ObjectNode data = JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("reference", "KAT-2027-1042");
        data.putObject("leadApplicant").put("orgNo", "910000012").put("name", "Havbruk AS");
        data.putObject("contactPerson").put("name", "Kari Nordmann").put("email", contactEmail);
        data.putObject("submittedBy").put("username", "applicant-anna").put("email", submitterEmail)
                .put("locale", submitterLocale);
        return data;
    }

    private static EventEnvelope event(String type, ObjectNode data) {
        return new EventEnvelope(UUID.randomUUID(), "/katapult/test", type, "test/1", 1,
                OffsetDateTime.parse("2027-03-01T10:00:00Z"), data.path("orgNo").asText(null), data, null, null);
    }
}
