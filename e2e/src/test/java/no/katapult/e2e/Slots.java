package no.katapult.e2e;

import io.restassured.path.json.JsonPath;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static no.katapult.e2e.Suite.anonymous;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finds free, rule-abiding slots from the public availability endpoint. */
final class Slots {
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private Slots() {
    }

    record Slot(OffsetDateTime start, OffsetDateTime end) {
    }

    static ZonedDateTime nextMonday() {
        return LocalDate.now(OSLO).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay(OSLO);
    }

    /** The first free slot of the facility's minimum duration, aligned to its granularity, in [from, to). */
    static Optional<Slot> firstFree(String resourceType, String resourceId, JsonPath facility,
                                    ZonedDateTime from, ZonedDateTime to) {
        var r = anonymous().queryParam("resourceType", resourceType).queryParam("resourceId", resourceId)
                .queryParam("from", from.toOffsetDateTime().toString()).queryParam("to", to.toOffsetDateTime().toString())
                .get("/api/v1/availability");
        assertEquals(200, r.statusCode(), r::asString);
        int minutes = Math.max(facility.getInt("bookingRules.minDurationMinutes"),
                facility.getInt("bookingRules.slotGranularityMinutes"));
        int granularity = facility.getInt("bookingRules.slotGranularityMinutes");
        List<Map<String, String>> intervals = r.jsonPath().getList("intervals");
        for (Map<String, String> interval : intervals) {
            OffsetDateTime start = OffsetDateTime.parse(interval.get("start"));
            OffsetDateTime end = OffsetDateTime.parse(interval.get("end"));
            OffsetDateTime aligned = align(start, granularity);
            OffsetDateTime slotEnd = aligned.plusMinutes(minutes);
            if (!slotEnd.isAfter(end)) {
                return Optional.of(new Slot(aligned, slotEnd));
            }
        }
        return Optional.empty();
    }

    /** Rounds up to the next multiple of the granularity, counted from local midnight in Oslo. */
    static OffsetDateTime align(OffsetDateTime t, int granularityMinutes) {
        ZonedDateTime local = t.atZoneSameInstant(OSLO);
        ZonedDateTime midnight = local.toLocalDate().atStartOfDay(OSLO);
        long minutes = Duration.between(midnight, local).toMinutes();
        long seconds = Duration.between(midnight, local).toSeconds() % 60;
        long rounded = ((minutes + (seconds > 0 ? 1 : 0) + granularityMinutes - 1) / granularityMinutes) * granularityMinutes;
        return midnight.plusMinutes(rounded).toOffsetDateTime();
    }
}
