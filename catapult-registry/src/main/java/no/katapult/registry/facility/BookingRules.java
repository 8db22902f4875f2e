package no.katapult.registry.facility;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import no.katapult.common.problem.FieldErrors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How the facility (and its equipment) may be booked; facility-booking enforces these. */
@Schema(name = "BookingRules")
public record BookingRules(
        @NotNull @Min(1) @Max(527_040) @Schema(examples = "60", required = true,
                description = "Shortest booking; a multiple of slotGranularityMinutes") Integer minDurationMinutes,
        @NotNull @Min(1) @Max(527_040) @Schema(examples = "480", required = true,
                description = "Longest booking; a multiple of slotGranularityMinutes, >= minDurationMinutes") Integer maxDurationMinutes,
        @NotNull @Min(1) @Max(1440) @Schema(examples = "30", required = true,
                description = "Bookings start and end on this grid of minutes") Integer slotGranularityMinutes,
        @NotNull @Min(0) @Max(8760) @Schema(examples = "24", required = true,
                description = "Bookings must be made at least this many hours ahead") Integer leadTimeHours,
        @NotNull @Min(1) @Max(1095) @Schema(examples = "180", required = true,
                description = "Bookings may start at most this many days ahead") Integer horizonDays,
        @NotNull @Min(0) @Max(1440) @Schema(examples = "15", required = true,
                description = "Setup/teardown buffer kept free around each booking") Integer bufferMinutes,
        @NotNull @Schema(examples = "false", required = true) Boolean requiresApproval,
        @NotNull @Min(0) @Max(8760) @Schema(examples = "48", required = true,
                description = "Cancelling at least this many hours before the start is free") Integer freeCancellationNoticeHours) {

    /** The cross-field rules: durations on the granularity grid and ordered. */
    void check(String prefix, FieldErrors errors) {
        if (slotGranularityMinutes != null && slotGranularityMinutes > 0) {
            if (minDurationMinutes != null && minDurationMinutes % slotGranularityMinutes != 0) {
                errors.add(prefix + ".minDurationMinutes",
                        "must be a multiple of slotGranularityMinutes (" + slotGranularityMinutes + ")");
            }
            if (maxDurationMinutes != null && maxDurationMinutes % slotGranularityMinutes != 0) {
                errors.add(prefix + ".maxDurationMinutes",
                        "must be a multiple of slotGranularityMinutes (" + slotGranularityMinutes + ")");
            }
        }
        if (minDurationMinutes != null && maxDurationMinutes != null && minDurationMinutes > maxDurationMinutes) {
            errors.add(prefix + ".maxDurationMinutes", "must not be less than minDurationMinutes ("
                    + minDurationMinutes + ")");
        }
    }
}
