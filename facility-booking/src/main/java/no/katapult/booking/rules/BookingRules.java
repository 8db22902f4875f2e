package no.katapult.booking.rules;

/** A facility's booking rules as the registry sets them; a null rule does not apply. */
public record BookingRules(
        Integer minDurationMinutes,
        Integer maxDurationMinutes,
        Integer slotGranularityMinutes,
        Integer leadTimeHours,
        Integer horizonDays,
        Integer bufferMinutes,
        Boolean requiresApproval,
        Integer freeCancellationNoticeHours) {

    public static final BookingRules NONE = new BookingRules(null, null, null, null, null, null, null, null);
}
