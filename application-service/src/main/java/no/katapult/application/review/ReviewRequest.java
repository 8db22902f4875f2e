package no.katapult.application.review;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.Map;

@Schema(name = "ReviewRequest", description = "A reviewer's assessment: every criterion of the call scored 1..7")
public record ReviewRequest(
        @NotNull @Schema(required = true, description = "criterion code -> whole number 1..7",
                examples = "{\"relevance\": 6, \"impact\": 5, \"implementation\": 4}")
        Map<@NotBlank String, @NotNull BigDecimal> scores,
        @Size(max = 10000) String comment,
        @NotNull @Schema(required = true) Recommendation recommendation) {
}
