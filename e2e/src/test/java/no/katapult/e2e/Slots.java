package no.katapult.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import no.katapult.client.Answer;

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

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finds free, rule-abiding slots of a facility from the public availability endpoint. */
public final class Slots {
    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private Slots() {
    }

    public record Slot(String facilityId, OffsetDateTime start, OffsetDateTime end) {
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
        int granularity = Math.max(1, rules.path("slotGranularityMinutes").asInt(30));
        int minutes = Math.max(rules.path("minDurationMinutes").asInt(60), granularity);
        int buffer = rules.path("bufferMinutes").asInt(0);
        Answer r = Suite.API.get("/api/v1/availability").query("resourceType", "FACILITY").query("resourceId", id)
                .query("from", from.toOffsetDateTime()).query("to", from.plusDays(days).toOffsetDateTime()).send();
        assertEquals(200, r.status(), r::toString);
        List<Slot> slots = new ArrayList<>();
        for (JsonNode interval : r.json().path("intervals")) {
            OffsetDateTime start = align(OffsetDateTime.parse(interval.path("start").asText()), granularity);
            OffsetDateTime end = OffsetDateTime.parse(interval.path("end").asText());
            while (!start.plusMinutes(minutes).isAfter(end) && slots.size() < wanted) {
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
