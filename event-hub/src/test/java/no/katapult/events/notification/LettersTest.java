package no.katapult.events.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import no.katapult.common.events.EventEnvelope;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a mail says, from its event alone: Oslo time across the DST changes, NOK amounts, links, the aid year. */
class LettersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI PUBLIC_URL = URI.create("https://api.katapult.example/");

    @Test
    void timesAreOsloTimeOnEitherSideOfTheSpringChange() {
        // 28 March 2027: at 01:00 UTC Oslo goes from 02:00 CET to 03:00 CEST.
        assertEquals("søndag 28. mars 2027 kl. 01:59", Letters.when(OffsetDateTime.parse("2027-03-28T00:59:00Z"), Language.NB));
        assertEquals("søndag 28. mars 2027 kl. 03:00", Letters.when(OffsetDateTime.parse("2027-03-28T01:00:00Z"), Language.NB));
        assertEquals("Sunday 28 March 2027 at 03:00", Letters.when(OffsetDateTime.parse("2027-03-28T01:00:00Z"), Language.EN));
    }

    @Test
    void timesAreOsloTimeOnEitherSideOfTheAutumnChange() {
        // 31 October 2027: at 01:00 UTC Oslo goes from 03:00 CEST back to 02:00 CET.
        assertEquals("søndag 31. oktober 2027 kl. 02:59", Letters.when(OffsetDateTime.parse("2027-10-31T00:59:00Z"), Language.NB));
        assertEquals("søndag 31. oktober 2027 kl. 03:00", Letters.when(OffsetDateTime.parse("2027-10-31T02:00:00Z"), Language.NB));
        // Whatever offset the event carries, the letter shows the same Oslo time.
        assertEquals(Letters.when(OffsetDateTime.parse("2027-10-31T02:00:00Z"), Language.EN),
                Letters.when(OffsetDateTime.parse("2027-10-30T20:00:00-06:00"), Language.EN));
    }

    @Test
    void amountsAreWrittenAsEachLanguageWritesThem() {
        assertEquals("4\u00a0200,00 kr", Letters.money(new BigDecimal("4200"), Language.NB));
        assertEquals("NOK 4,200.00", Letters.money(new BigDecimal("4200"), Language.EN));
        assertEquals("NOK 0.50", Letters.money(new BigDecimal("0.5"), Language.EN));
    }

    @Test
    void linksAreAbsoluteOnThePublicUrlWithOneSlash() {
        assertEquals("https://api.katapult.example/api/v1/bookings/1", Letters.link(PUBLIC_URL, "/api/v1/bookings/1"));
        assertEquals("https://api.katapult.example/api/v1/bookings/1",
                Letters.link(URI.create("https://api.katapult.example"), "/api/v1/bookings/1"));
    }

    @Test
    void aConfirmedBookingWithAidLinksTheStatementOfTheYearItWasMadeInOsloTime() {
        // 23:30 UTC on New Year's Eve is already 2027 in Oslo: the aid ledger counts it in 2027.
        ObjectNode data = booking("4200.00").put("createdAt", "2026-12-31T23:30:00Z");
        BookingLetter letter = Letters.booking(event("no.katapult.booking.confirmed", data), Language.EN, PUBLIC_URL);
        assertEquals("https://api.katapult.example/api/v1/aid/910000012/statement?year=2027", letter.statementUrl());
        assertEquals("NOK 4,200.00", letter.aidAmount());
        assertEquals("Tuesday 30 March 2027 at 09:00", letter.start());
        assertEquals("Tuesday 30 March 2027 at 12:00", letter.end());
        assertEquals("https://api.katapult.example/api/v1/bookings/" + data.get("id").asText(), letter.url());
        assertEquals("3D-printer", letter.resource());
        assertFalse(letter.lateCancellation());
    }

    @Test
    void noAidMeansNoAmountAndNoStatement() {
        BookingLetter free = Letters.booking(event("no.katapult.booking.confirmed", booking("0")), Language.NB, PUBLIC_URL);
        assertNull(free.aidAmount());
        assertNull(free.statementUrl());
        // A rejection states no aid either, whatever the price said.
        BookingLetter rejected = Letters.booking(event("no.katapult.booking.rejected", booking("4200")), Language.NB, PUBLIC_URL);
        assertNull(rejected.statementUrl());
    }

    @Test
    void badTimesAndAmountsInAnEventLeaveTheirLinesOutInsteadOfFailingTheMail() {
        ObjectNode data = booking("lots").put("start", "tomorrow");
        BookingLetter letter = Letters.booking(event("no.katapult.booking.confirmed", data), Language.NB, PUBLIC_URL);
        assertNull(letter.start());
        assertNull(letter.aidAmount());
        assertNull(letter.statementUrl());
    }

    @Test
    void anApplicationLetterSaysTheDecisionAndLinksTheApplication() {
        UUID id = UUID.randomUUID();
        ObjectNode data = JSON.createObjectNode().put("applicationId", id.toString()).put("reference", "KAT-2027-0001")
                .put("title", "Katapult for industriell tjenesteutvikling");
        data.putObject("decision").put("outcome", "APPROVED").put("conditions", "Rapport innen 1. mars")
                .putObject("grantedAmount").put("amount", "1500000.00").put("currency", "NOK");
        ApplicationLetter letter = Letters.application(event("no.katapult.application.decided", data), Language.NB, PUBLIC_URL);
        assertTrue(letter.approved());
        assertEquals("1\u00a0500\u00a0000,00 kr", letter.grantedAmount());
        assertEquals("Rapport innen 1. mars", letter.conditions());
        assertEquals("https://api.katapult.example/api/v1/applications/" + id, letter.url());

        ((ObjectNode) data.get("decision")).put("outcome", "REJECTED").remove("grantedAmount");
        ApplicationLetter rejected = Letters.application(event("no.katapult.application.decided", data), Language.EN, PUBLIC_URL);
        assertFalse(rejected.approved());
        assertNull(rejected.grantedAmount());
    }

    private static ObjectNode booking(String aidAmount) {
        ObjectNode data = JSON.createObjectNode().put("id", UUID.randomUUID().toString()).put("orgNo", "910000012")
                .put("resourceName", "3D-printer").put("centreCode", "digicat").put("bookedBy", "sme-anna")
                .put("start", "2027-03-30T09:00:00+02:00").put("end", "2027-03-30T12:00:00+02:00")
                .put("purpose", "Prototype av girkasse");
        data.putObject("price").putObject("aidAmount").put("amount", aidAmount).put("currency", "NOK");
        return data;
    }

    private static EventEnvelope event(String type, ObjectNode data) {
        return new EventEnvelope(UUID.randomUUID(), "/katapult/test", type, "bookings/1", 1,
                OffsetDateTime.parse("2027-03-01T10:00:00Z"), data.path("orgNo").asText(null), data, null, null);
    }
}
