package no.katapult.events.delivery;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One attempt to deliver one event to a subscription. */
@Schema(name = "DeliveryAttempt", description = "One attempt to deliver one event")
public record AttemptView(
        @Schema(description = "The delivery this attempt belongs to; a replay makes a new one") long deliveryId,
        @Schema(description = "The event's id: the webhook-id header, the same in the feed") UUID eventId,
        @Schema(examples = "no.katapult.application.decided") String eventType,
        @Schema(description = "1 for the first attempt of the delivery", examples = "1") int attempt,
        OffsetDateTime attemptedAt,
        @Schema(description = "The receiver's HTTP status; absent when no answer came") Integer statusCode,
        @Schema(description = "Milliseconds until the answer (or the failure)", examples = "84") int latencyMs,
        Outcome outcome,
        @Schema(description = "When the next attempt is due (RETRYING only)") OffsetDateTime nextRetryAt,
        @Schema(description = "Why no answer came, e.g. timed out") String error) {
}
