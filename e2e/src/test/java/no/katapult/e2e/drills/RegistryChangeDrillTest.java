package no.katapult.e2e.drills;

import no.katapult.common.testing.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import no.katapult.client.Answer;
import no.katapult.e2e.drills.RegistryChanges.Group;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static no.katapult.e2e.Problems.assertProblem;
import static no.katapult.e2e.drills.RegistryChanges.rules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drill (issue 11, point 2): the booking guarantee across registry changes, through the gateway, with the
 * real catapult-registry (docs/architecture.md, "Bookings and registry changes"). Each drill books, makes
 * one change with the registry's own PUT, races at least 20 concurrent requests against what the change
 * could have broken, and ends with an SQL check of catapult_booking: no two active bookings overlap for
 * any facility, no two active claims for any item. The drills make their own facilities and items, so
 * the demo catalogue is never changed, and retire them when they end.
 */
class RegistryChangeDrillTest {

    @BeforeEach
    void healthy() {
        Drills.awaitHealthy();
    }

    @Test
    void itemMovedToAnotherFacility() throws Exception {
        RegistryChanges drill = new RegistryChanges("item-moves");
        try {
            String oldFacility = drill.facility("digicat", "Gammelt verksted", 0, false);
            String newFacility = drill.facility("smart-innovation-norway", "Nytt verksted", 0, false);
            String item = drill.item(oldFacility, "Laserkutter");
            JsonNode itemBooking = drill.book("EQUIPMENT", item, 10, 12);
            JsonNode wholeOld = drill.book("FACILITY", oldFacility, 14, 16);

            drill.put("/api/v1/equipment/" + item, e -> e.put("facilityId", newFacility));

            // The earlier booking keeps the facility and centre it was made with.
            Answer kept = Drills.get("/api/v1/bookings/" + itemBooking.path("id").asText(), "sme-anna");
            assertEquals(200, kept.status(), kept::toString);
            assertEquals(oldFacility, kept.json().path("facilityId").asText());
            assertEquals("digicat", kept.json().path("centreCode").asText());
            assertEquals("CONFIRMED", kept.json().path("status").asText());

            List<JsonNode> winners = drill.race(List.of(
                    Group.refused("the item again, where its earlier booking is", 5, 409, "booking-conflict",
                            drill.body("EQUIPMENT", item, 10, 12)),
                    Group.refused("its new facility, where the item's earlier booking is", 5, 409, "booking-conflict",
                            drill.body("FACILITY", newFacility, 10, 12)),
                    Group.refused("its old facility, where the item's earlier booking is", 5, 409, "booking-conflict",
                            drill.body("FACILITY", oldFacility, 10, 12)),
                    Group.refused("the item, claimed by its old facility's whole booking", 5, 409, "booking-conflict",
                            drill.body("EQUIPMENT", item, 14, 16)),
                    Group.oneWins("its new facility against the item itself", 5, drill.body("FACILITY", newFacility, 18, 20),
                            5, drill.body("EQUIPMENT", item, 19, 21)),
                    Group.oneWins("its old facility, which no longer holds it", 5,
                            drill.body("FACILITY", oldFacility, 18, 20))));

            JsonNode now = winners.get(4);
            assertEquals(newFacility, now.path("facilityId").asText(), "a booking made now is in the item's new facility");
            assertEquals("smart-innovation-norway", now.path("centreCode").asText());
            assertTrue(claimedItems(now.path("id").asText()).contains(UUID.fromString(item)));
            assertEquals(List.of(), claimedItems(winners.get(5).path("id").asText()), "the old facility no longer holds it");
            assertTrue(claimedItems(wholeOld.path("id").asText()).contains(UUID.fromString(item)));
            BookingGuarantee.assertHolds("item-moves");
        } finally {
            drill.cleanUp();
        }
    }

    @Test
    void facilityMovedToAnotherCentre() throws Exception {
        RegistryChanges drill = new RegistryChanges("facility-moves");
        try {
            String facility = drill.facility("digicat", "Flyttbart verksted", 0, true);
            String item = drill.item(facility, "CNC-fres");
            String before = drill.book("FACILITY", facility, 10, 12).path("id").asText();
            String itemBefore = drill.book("EQUIPMENT", item, 13, 14).path("id").asText();

            String halden = RegistryChanges.centreId("smart-innovation-norway");
            drill.put("/api/v1/facilities/" + facility, f -> f.put("centreId", halden));

            String after = drill.race(List.of(
                    Group.refused("the facility where it was booked before the move", 10, 409, "booking-conflict",
                            drill.body("FACILITY", facility, 10, 12)),
                    Group.refused("its item where it was booked before the move", 10, 409, "booking-conflict",
                            drill.body("EQUIPMENT", item, 13, 14)),
                    Group.oneWins("the facility against its item, after the move", 5, drill.body("FACILITY", facility, 15, 17),
                            5, drill.body("EQUIPMENT", item, 16, 17)))).get(2).path("id").asText();

            // Earlier bookings stay with the centre that accepted them; later ones are the new centre's.
            for (String id : List.of(before, itemBefore)) {
                Answer old = Drills.get("/api/v1/bookings/" + id, "operator-digicat");
                assertEquals(200, old.status(), old::toString);
                assertEquals("digicat", old.json().path("centreCode").asText());
                assertProblem(Drills.get("/api/v1/bookings/" + id, "operator-halden"), 404);
            }
            Answer made = Drills.get("/api/v1/bookings/" + after, "operator-halden");
            assertEquals(200, made.status(), made::toString);
            assertEquals("smart-innovation-norway", made.json().path("centreCode").asText());
            assertEquals("REQUESTED", made.json().path("status").asText());
            assertProblem(Drills.get("/api/v1/bookings/" + after, "operator-digicat"), 404);

            assertProblem(Drills.call("POST", "/api/v1/bookings/" + before + "/confirm", "operator-halden", null), 404);
            Answer confirmed = Drills.call("POST", "/api/v1/bookings/" + before + "/confirm", "operator-digicat", null);
            assertEquals(200, confirmed.status(), confirmed::toString);
            Answer confirmedAfter = Drills.call("POST", "/api/v1/bookings/" + after + "/confirm", "operator-halden", null);
            assertEquals(200, confirmedAfter.status(), confirmedAfter::toString);
            BookingGuarantee.assertHolds("facility-moves");
        } finally {
            drill.cleanUp();
        }
    }

    @Test
    void bufferIncreased() throws Exception {
        RegistryChanges drill = new RegistryChanges("buffer-up");
        try {
            String facility = drill.facility("digicat", "Verksted med buffer", 0, false);
            String before = drill.book("FACILITY", facility, 10, 12).path("id").asText();

            drill.put("/api/v1/facilities/" + facility, f -> rules(f).put("bufferMinutes", 60));

            String after = drill.race(List.of(
                    Group.refused("an hour after it, which the old buffer allowed", 8, 409, "booking-conflict",
                            drill.body("FACILITY", facility, 12, 13)),
                    Group.refused("an hour before it, which the old buffer allowed", 8, 409, "booking-conflict",
                            drill.body("FACILITY", facility, 9, 10)),
                    Group.oneWins("an hour clear of it", 8, drill.body("FACILITY", facility, 13, 14)))).get(2)
                    .path("id").asText();

            assertEquals(0, bufferOf(before), "the earlier booking keeps the buffer it was made with");
            assertEquals(60, bufferOf(after), "a new booking takes the new buffer");
            BookingGuarantee.assertHolds("buffer-up");
        } finally {
            drill.cleanUp();
        }
    }

    @Test
    void bufferDecreased() throws Exception {
        RegistryChanges drill = new RegistryChanges("buffer-down");
        try {
            String facility = drill.facility("digicat", "Verksted med buffer", 60, false);
            String before = drill.book("FACILITY", facility, 10, 12).path("id").asText();

            drill.put("/api/v1/facilities/" + facility, f -> rules(f).put("bufferMinutes", 0));

            List<JsonNode> winners = drill.race(List.of(
                    Group.refused("inside the earlier booking's own buffer", 8, 409, "booking-conflict",
                            drill.body("FACILITY", facility, 12, 13)),
                    Group.oneWins("right after the earlier booking's buffer", 8, drill.body("FACILITY", facility, 13, 14)),
                    Group.oneWins("right before it, which the old buffer refused", 8,
                            drill.body("FACILITY", facility, 8, 9))));

            assertEquals(60, bufferOf(before), "the earlier booking keeps the buffer it was made with");
            assertEquals(0, bufferOf(winners.get(1).path("id").asText()));
            assertEquals(0, bufferOf(winners.get(2).path("id").asText()));
            BookingGuarantee.assertHolds("buffer-down");
        } finally {
            drill.cleanUp();
        }
    }

    /**
     * The registry's equipment has no active flag: an item leaves service by being made unbookable (or with its
     * facility, below). It still stands in its facility, so a whole-facility booking still claims it.
     */
    @Test
    void itemMadeUnbookable() throws Exception {
        RegistryChanges drill = new RegistryChanges("item-unbookable");
        try {
            String facility = drill.facility("digicat", "Verksted", 0, false);
            String item = drill.item(facility, "Gammel printer");
            String existing = drill.book("EQUIPMENT", item, 10, 12).path("id").asText();

            drill.put("/api/v1/equipment/" + item, e -> e.put("bookable", false));

            JsonNode whole = drill.race(List.of(
                    Group.refused("the unbookable item", 8, 422, "resource-not-bookable", drill.body("EQUIPMENT", item, 15, 16)),
                    Group.refused("the facility, where the item's earlier booking is", 8, 409, "booking-conflict",
                            drill.body("FACILITY", facility, 10, 11)),
                    Group.oneWins("the facility, clear of it", 8, drill.body("FACILITY", facility, 16, 17)))).get(2);

            assertEquals(List.of(UUID.fromString(item)), claimedItems(whole.path("id").asText()));
            assertStillActiveAndCancellableBy(existing, "operator-digicat");
            BookingGuarantee.assertHolds("item-unbookable");
        } finally {
            drill.cleanUp();
        }
    }

    @Test
    void facilityRetiredOrMadeUnbookable() throws Exception {
        RegistryChanges drill = new RegistryChanges("facility-retired");
        try {
            String retired = drill.facility("digicat", "Nedlagt verksted", 0, false);
            String itemOfRetired = drill.item(retired, "Sveiserobot");
            String unbookable = drill.facility("smart-innovation-norway", "Stengt verksted", 0, false);
            String onRetired = drill.book("FACILITY", retired, 10, 12).path("id").asText();
            String onItemOfRetired = drill.book("EQUIPMENT", itemOfRetired, 13, 14).path("id").asText();
            String onUnbookable = drill.book("FACILITY", unbookable, 10, 12).path("id").asText();

            drill.put("/api/v1/facilities/" + retired, f -> f.put("active", false));
            drill.put("/api/v1/facilities/" + unbookable, f -> f.put("bookable", false));

            drill.race(List.of(
                    Group.refused("the retired facility", 8, 422, "resource-inactive", drill.body("FACILITY", retired, 15, 16)),
                    Group.refused("an item of the retired facility", 8, 422, "resource-inactive",
                            drill.body("EQUIPMENT", itemOfRetired, 15, 16)),
                    Group.refused("the unbookable facility", 8, 422, "resource-not-bookable",
                            drill.body("FACILITY", unbookable, 15, 16))));

            assertStillActiveAndCancellableBy(onRetired, "operator-digicat");
            assertStillActiveAndCancellableBy(onItemOfRetired, "operator-digicat");
            assertStillActiveAndCancellableBy(onUnbookable, "operator-halden");
            BookingGuarantee.assertHolds("facility-retired");
        } finally {
            drill.cleanUp();
        }
    }

    private static void assertStillActiveAndCancellableBy(String bookingId, String operator) {
        Answer read = Drills.get("/api/v1/bookings/" + bookingId, "sme-anna");
        assertEquals(200, read.status(), read::toString);
        assertEquals("CONFIRMED", read.json().path("status").asText(), "an existing booking stays active");
        Answer cancelled = Drills.call("POST", "/api/v1/bookings/" + bookingId + "/cancel", operator,
                Map.of("reason", "Registry change drill: taken out of service"));
        assertEquals(200, cancelled.status(), cancelled::toString);
        assertEquals("CANCELLED", cancelled.json().path("status").asText());
    }

    private static List<UUID> claimedItems(String bookingId) throws Exception {
        try (Connection c = Drills.jdbc("catapult_booking")) {
            return Sql.column(c, UUID.class, "SELECT item FROM booking, unnest(claimed_items) AS item WHERE id = ?",
                    UUID.fromString(bookingId));
        }
    }

    private static int bufferOf(String bookingId) throws Exception {
        try (Connection c = Drills.jdbc("catapult_booking")) {
            return Sql.single(c, Integer.class, "SELECT buffer_minutes FROM booking WHERE id = ?", UUID.fromString(bookingId));
        }
    }
}
