package no.katapult.events.subscription;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a replay queued. */
@Schema(name = "Replay")
public record ReplayView(
        @Schema(description = "Events queued to be sent again, with their original ids", examples = "42") int queued,
        @Schema(description = "The replay covers events after this cursor") String after,
        @Schema(description = "Up to this cursor; later events arrive as usual") String until,
        @Schema(description = "The subscription's status: a replay enables a disabled one") SubscriptionStatus status) {
}
