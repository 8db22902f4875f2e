package no.katapult.e2e;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import no.katapult.client.Answer;
import no.katapult.openapi.ApiClient;
import no.katapult.openapi.ApiResponse;
import no.katapult.openapi.api.BookingsApi;
import no.katapult.openapi.api.FacilitiesApi;
import no.katapult.openapi.api.OrganisationsApi;
import no.katapult.openapi.api.StateAidApi;
import no.katapult.openapi.model.Booking;
import no.katapult.openapi.model.BookingRequest;
import no.katapult.openapi.model.Facility;
import no.katapult.openapi.model.Organisation;
import no.katapult.openapi.model.OrganisationKind;
import no.katapult.openapi.model.OrganisationRequest;
import no.katapult.openapi.model.SmeClass;
import no.katapult.openapi.model.SmeDeclaration;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static no.katapult.e2e.Clients.assertProblem;
import static no.katapult.e2e.Suite.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journey 1: sme-anna finds a facility, declares her SME status, books, and reads her calendar, aid and aid statement. */
class SmeJourneyTest {

    static final String ANNA_ORG = "910000012";

    @Test
    void smeFindsBooksAndReadsHerCalendarAndAid() throws Exception {
        ApiClient anna = Clients.as("sme-anna");
        BookingsApi annasBookings = new BookingsApi(anna);

        // Search the public catalogue by capability, then open the facility.
        FacilitiesApi catalogue = new FacilitiesApi(Clients.anonymous());
        List<Facility> hits = catalogue.listFacilities(null, null, null, null, null, "3d-printer", null, null).getItems();
        assertFalse(hits.isEmpty(), "the demo catalogue has a facility with a 3D printer");
        UUID facilityId = hits.stream().filter(f -> f.getBookable() && f.getActive()).map(Facility::getId)
                .findFirst().orElseThrow();
        Facility facility = catalogue.getFacility(facilityId);

        // Declare the SME status of her organisation.
        Organisation declared = new OrganisationsApi(anna).putOrganisation(ANNA_ORG, new OrganisationRequest()
                .name("Anna Prototyping AS (demo)").kind(OrganisationKind.COMPANY)
                .smeDeclaration(new SmeDeclaration().employees(12).annualTurnover(Journeys.nok(18_000_000))
                        .balanceSheetTotal(Journeys.nok(9_000_000)).fiscalYear(2025).hasLinkedEnterprises(false)), null);
        assertEquals(SmeClass.SMALL, declared.getSmeClass());

        // Availability for next week, then book the first free slot, twice with one Idempotency-Key.
        Slots.Slot slot = Slots.firstFree(facility, Slots.nextMonday(), 7).orElseThrow();
        BookingRequest request = slot.bookingRequest("Prototype housing print (e2e)");
        String key = UUID.randomUUID().toString();
        ApiResponse<Booking> first = annasBookings.createBookingWithHttpInfo(request, key);
        assertEquals(201, first.getStatusCode());
        UUID bookingId = first.getData().getId();
        assertTrue(first.getHeaders().getOrDefault("Location", List.of("")).get(0).endsWith("/api/v1/bookings/" + bookingId),
                first.getHeaders()::toString);
        long before = annasBookings.listBookings(null, null, null, null, 1, null, null).getTotal();
        ApiResponse<Booking> replay = annasBookings.createBookingWithHttpInfo(request, key);
        assertEquals(201, replay.getStatusCode());
        assertEquals(bookingId, replay.getData().getId(), "the replay returns the first booking");
        assertEquals(before, annasBookings.listBookings(null, null, null, null, 1, null, null).getTotal(),
                "the replay created nothing new");

        // An overlapping slot is a conflict.
        assertProblem(409, "booking-conflict", () -> annasBookings.createBooking(
                slot.bookingRequest("Prototype housing print (overlap)"), UUID.randomUUID().toString()));

        // Her calendar, parsed by a real iCalendar parser: text/calendar is not JSON, so it is read as text.
        Answer ics = API.get("/api/v1/bookings").as("sme-anna").header("Accept", "text/calendar").send();
        assertEquals(200, ics.status(), ics::toString);
        assertTrue(ics.contentType().startsWith("text/calendar"), ics::toString);
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics.body()));
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertTrue(events.stream().anyMatch(e -> e.getUid().map(u -> u.getValue().contains(bookingId.toString())).orElse(false)),
                "the calendar holds the new booking");

        // Her aid summary includes the booking.
        assertTrue(new StateAidApi(anna).getOrganisationAid(ANNA_ORG).getBookings().stream()
                .anyMatch(b -> bookingId.equals(b.getBookingId())), "aid summary lists the booking");

        // Her written aid statement for this year: the PDF, read as text, names every booking with the JSON's figures.
        var statement = AidStatementCheck.check("sme-anna", ANNA_ORG, Year.now(ZoneId.of("Europe/Oslo")).getValue());
        assertTrue(statement.getBookings().stream().anyMatch(line -> bookingId.equals(line.getBookingId())),
                "the statement lists the booking");

        // Another SME cannot see it.
        assertProblem(404, null, () -> new BookingsApi(Clients.as("sme-bjorn")).getBooking(bookingId));
    }

}
