package no.katapult.registry.facility;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Local wall-clock interval in Europe/Oslo, half-open: [from, to). "24:00" ends a day. */
@Schema(name = "TimeInterval", description = "Opening interval in local time (Europe/Oslo), from inclusive, to exclusive")
public record TimeInterval(
        @Schema(examples = "08:00", pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", required = true) String from,
        @Schema(examples = "16:00", pattern = "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$", required = true,
                description = "\"24:00\" is allowed as the end of the day") String to) {
}
