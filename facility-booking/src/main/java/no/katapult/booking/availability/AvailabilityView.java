package no.katapult.booking.availability;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import no.katapult.booking.rules.ResourceType;
import no.katapult.common.time.IsoOffsetDateTimeSerializer;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "Availability", description = "Free intervals of a resource in [from, to); times carry the Europe/Oslo offset of their moment")
public record AvailabilityView(ResourceType resourceType, UUID resourceId,
                               @JsonSerialize(using = IsoOffsetDateTimeSerializer.class) OffsetDateTime from,
                               @JsonSerialize(using = IsoOffsetDateTimeSerializer.class) OffsetDateTime to,
                               List<FreeInterval> intervals) {

    @Schema(name = "FreeInterval", description = "A half-open free period [start, end)")
    public record FreeInterval(
            @Schema(examples = "2027-03-28T08:00:00+02:00")
            @JsonSerialize(using = IsoOffsetDateTimeSerializer.class) OffsetDateTime start,
            @Schema(examples = "2027-03-28T16:00:00+02:00")
            @JsonSerialize(using = IsoOffsetDateTimeSerializer.class) OffsetDateTime end) {
    }
}
