package no.katapult.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import no.katapult.client.Answer;
import no.katapult.openapi.ApiException;
import no.katapult.openapi.api.AvailabilityApi;
import no.katapult.openapi.model.Availability;
import no.katapult.openapi.model.BookingRequest;
import no.katapult.openapi.model.BookingRules;
import no.katapult.openapi.model.Facility;
import no.katapult.openapi.model.ResourceType;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finds free, rule-abiding slots of a facility from the public availability endpoint. */
public final class Slots {
    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private Slots() {
    }

    public record Slot(String facilityId, OffsetDateTime start, OffsetDateTime end) {
        /** The same as the generated client's request. */
        public BookingRequest bookingRequest(String purpose) {
            return new BookingRequest().resourceType(ResourceType.FACILITY).resourceId(UUID.fromString(facilityId))
                    .start(start).end(end).purpose(purpose);
        }

        /** A booking request body for this slot. */
        public Map<String, Object> bookingBody(String purpose) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("resourceType", "FACILITY");
            body.put("resourceId", facilityId);
            body.put("start", start.toString());
            body.put("end", end.toString());
            body.put("purpose", purpose);
            return body;
        }
    }

    public static ZonedDateTime nextMonday() {
        return LocalDate.now(OSLO).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay(OSLO);
    }

    /**
     * Free slots of the facility's minimum duration, aligned to its granularity, in the window [from, from + days).
     * Slots are spaced so that their buffers never touch.
     */
    public static List<Slot> freeSlots(JsonNode facility, ZonedDateTime from, int days, int wanted) {
        String id = facility.path("id").asText();
        JsonNode rules = facility.path("bookingRules");
        Answer r = Suite.API.get("/api/v1/availability").query("resourceType", "FACILITY").query("resourceId", id)
                .query("from", from.toOffsetDateTime()).query("to", from.plusDays(days).toOffsetDateTime()).send();
        assertEquals(200, r.status(), r::toString);
        List<OffsetDateTime[]> free = new ArrayList<>();
        for (JsonNode interval : r.json().path("intervals")) {
            free.add(new OffsetDateTime[]{OffsetDateTime.parse(interval.path("start").asText()),
                    OffsetDateTime.parse(interval.path("end").asText())});
        }
        return cut(id, rules.path("slotGranularityMinutes").asInt(30), rules.path("minDurationMinutes").asInt(60),
                rules.path("bufferMinutes").asInt(0), free, wanted);
    }

    /** The same through the generated client, for the journeys. */
    public static List<Slot> freeSlots(Facility facility, ZonedDateTime from, int days, int wanted) throws ApiException {
        String id = facility.getId().toString();
        BookingRules rules = facility.getBookingRules();
        Availability availability = new AvailabilityApi(Clients.anonymous()).getAvailability(
                from.toOffsetDateTime().toString(), id, "FACILITY", from.plusDays(days).toOffsetDateTime().toString());
        List<OffsetDateTime[]> free = availability.getIntervals().stream()
                .map(i -> new OffsetDateTime[]{i.getStart(), i.getEnd()}).toList();
        return cut(id, rules.getSlotGranularityMinutes(), rules.getMinDurationMinutes(), rules.getBufferMinutes(), free, wanted);
    }

    public static Optional<Slot> firstFree(Facility facility, ZonedDateTime from, int days) throws ApiException {
        return freeSlots(facility, from, days, 1).stream().findFirst();
    }

    /** Slots of the minimum duration on the granularity, spaced so that their buffers never touch. */
    private static List<Slot> cut(String id, int granularityMinutes, int minDuration, int buffer,
                                  List<OffsetDateTime[]> free, int wanted) {
        int granularity = Math.max(1, granularityMinutes);
        int minutes = Math.max(minDuration, granularity);
        List<Slot> slots = new ArrayList<>();
        for (OffsetDateTime[] interval : free) {
            OffsetDateTime start = align(interval[0], granularity);
            while (!start.plusMinutes(minutes).isAfter(interval[1]) && slots.size() < wanted) {
                slots.add(new Slot(id, start, start.plusMinutes(minutes)));
                start = align(start.plusMinutes(minutes + 2L * buffer), granularity);
            }
        }
        return slots;
    }

    /** The first free slot of the facility in [from, from + days). */
    public static Optional<Slot> firstFree(JsonNode facility, ZonedDateTime from, int days) {
        return freeSlots(facility, from, days, 1).stream().findFirst();
    }

    /** Rounds up to the next multiple of the granularity, counted from local midnight in Oslo. */
    public static OffsetDateTime align(OffsetDateTime t, int granularityMinutes) {
        ZonedDateTime local = t.atZoneSameInstant(OSLO);
        ZonedDateTime midnight = local.toLocalDate().atStartOfDay(OSLO);
        long seconds = Duration.between(midnight, local).toSeconds();
        long step = granularityMinutes * 60L;
        long rounded = ((seconds + step - 1) / step) * step;
        return midnight.plusSeconds(rounded).toOffsetDateTime();
    }
}
