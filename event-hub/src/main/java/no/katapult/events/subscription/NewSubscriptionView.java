package no.katapult.events.subscription;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The answer to a new subscription: the only time its secret is shown. */
@Schema(name = "NewSubscription")
public record NewSubscriptionView(
        UUID id,
        String url,
        List<String> types,
        String description,
        SubscriptionStatus status,
        @Schema(description = "The Standard Webhooks signing secret, whsec_ and base64. Shown only in this answer: "
                + "keep it to verify webhook-signature", examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        String secret,
        OffsetDateTime createdAt) {

    static NewSubscriptionView of(Subscription s) {
        return new NewSubscriptionView(s.id, s.url, List.of(s.types), s.description, s.status, s.secret, s.createdAt);
    }
}
