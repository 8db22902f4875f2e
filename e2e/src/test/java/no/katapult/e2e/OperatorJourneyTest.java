package no.katapult.e2e;

import no.katapult.openapi.ApiResponse;
import no.katapult.openapi.api.BookingsApi;
import no.katapult.openapi.api.CentresApi;
import no.katapult.openapi.api.FacilitiesApi;
import no.katapult.openapi.model.Booking;
import no.katapult.openapi.model.BookingPage;
import no.katapult.openapi.model.BookingStatus;
import no.katapult.openapi.model.Centre;
import no.katapult.openapi.model.Facility;
import no.katapult.openapi.model.PageResponseCentreView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journey 2: operator-halden confirms a REQUESTED booking at their centre; another centre's operator cannot. */
class OperatorJourneyTest {

    @Test
    void operatorConfirmsRequestedBookingAtOwnCentreOnly() throws Exception {
        ApiResponse<PageResponseCentreView> found = new CentresApi(Clients.anonymous())
                .listCentresWithHttpInfo("smart-innovation-norway", null, null, null, null, null, null, null);
        assertEquals(200, found.getStatusCode());
        List<Centre> centres = found.getData().getItems();
        assertFalse(centres.isEmpty(), "the demo catalogue has the centre smart-innovation-norway");
        UUID centreId = centres.get(0).getId();
        FacilitiesApi catalogue = new FacilitiesApi(Clients.anonymous());
        Facility facility = null;
        for (Facility listed : catalogue.listFacilities(null, null, centreId, null, null, null, 100, null).getItems()) {
            Facility f = catalogue.getFacility(listed.getId());
            if (f.getBookingRules() != null && Boolean.TRUE.equals(f.getBookingRules().getRequiresApproval())
                    && Boolean.TRUE.equals(f.getBookable()) && Boolean.TRUE.equals(f.getActive())) {
                facility = f;
                break;
            }
        }
        assertTrue(facility != null, "the node has a facility that requires approval");

        var monday = Slots.nextMonday().plusWeeks(1);
        Slots.Slot slot = Slots.firstFree(facility, monday, 7).orElseThrow();
        ApiResponse<Booking> created = new BookingsApi(Clients.as("sme-anna")).createBookingWithHttpInfo(
                slot.bookingRequest("Service design workshop (e2e)"), UUID.randomUUID().toString());
        assertEquals(201, created.getStatusCode());
        assertEquals(BookingStatus.REQUESTED, created.getData().getStatus());
        UUID id = created.getData().getId();
        String etag = Journeys.etag(created);

        // The operator sees it among the REQUESTED bookings of their centre.
        BookingsApi halden = new BookingsApi(Clients.as("operator-halden"));
        ApiResponse<BookingPage> requested = halden.listBookingsWithHttpInfo(null, null, null, null, 100, "REQUESTED", null);
        assertEquals(200, requested.getStatusCode());
        assertTrue(requested.getData().getItems().stream().anyMatch(b -> id.equals(b.getId())), "the operator sees " + id);

        // Another centre's operator may not confirm it.
        Clients.assertProblem(Set.of(403, 404), null,
                () -> new BookingsApi(Clients.as("operator-digicat")).confirmBooking(id, etag));

        ApiResponse<Booking> confirmed = halden.confirmBookingWithHttpInfo(id, etag);
        assertEquals(200, confirmed.getStatusCode());
        assertEquals(BookingStatus.CONFIRMED, confirmed.getData().getStatus());
    }
}
