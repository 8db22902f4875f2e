package no.katapult.events.subscription;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A subscription as its owner reads it (never its secret). */
@Schema(name = "Subscription")
public record SubscriptionView(
        UUID id,
        String url,
        @Schema(description = "Type prefixes; empty: every type you may see") List<String> types,
        String description,
        @Schema(description = "DISABLED after a 410, or when deliveries keep failing; a replay enables it again")
        SubscriptionStatus status,
        @Schema(description = "Why it was disabled") String statusReason,
        OffsetDateTime disabledAt,
        OffsetDateTime createdAt) {

    static SubscriptionView of(Subscription s) {
        return new SubscriptionView(s.id, s.url, List.of(s.types), s.description, s.status, s.statusReason,
                s.disabledAt, s.createdAt);
    }
}
