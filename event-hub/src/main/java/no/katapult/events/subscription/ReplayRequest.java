package no.katapult.events.subscription;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a replay starts. */
@Schema(name = "ReplayRequest")
public record ReplayRequest(
        @Schema(description = "A cursor of the feed (GET /api/v1/events): events after it are sent again. Absent: "
                + "from the oldest retained event", examples = "djE6MTI")
        String after) {
}
