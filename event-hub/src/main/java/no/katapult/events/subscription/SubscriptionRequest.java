package no.katapult.events.subscription;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import no.katapult.events.TypePrefix;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A new webhook subscription. */
@Schema(name = "SubscriptionRequest")
public record SubscriptionRequest(
        @Schema(required = true, description = "https, on a public address; no redirects are followed",
                examples = "https://partner.example.no/katapult/events")
        @NotBlank @Size(max = 2000) String url,
        @Schema(description = "Type prefixes to receive; empty or absent: every type you may see",
                examples = "[\"no.katapult.application.decided\", \"no.katapult.booking.\"]")
        @Size(max = 20) List<@NotBlank @Size(max = TypePrefix.MAX_LENGTH)
                @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = TypePrefix.RULE) String> types,
        @Schema(description = "Free text for your own reference", examples = "Innovasjon Norge, case handling")
        @Size(max = 500) @Pattern(regexp = "[^\\p{Cc}]*", message = "must not contain control characters") String description) {
}
