package no.katapult.application.call;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/** A criterion of a call; the same shape in requests and views. */
@Schema(name = "Criterion", description = "A weighted assessment criterion; reviews score it 1..7")
public record Criterion(
        @NotBlank @Size(max = 50) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]*",
                message = "must be letters, digits, '-', '_' or '.', starting with a letter or digit")
        @Schema(examples = "relevance", required = true) String code,
        @NotBlank @Size(max = 200) @Schema(examples = "Relevans for katapultordningen", required = true) String name,
        @Size(max = 2000) String description,
        @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
        @Digits(integer = 5, fraction = 3) @Schema(examples = "2", required = true) BigDecimal weight) {

    static Criterion of(CallCriterion c) {
        return new Criterion(c.code, c.name, c.description, c.weight.stripTrailingZeros());
    }

    CallCriterion toEntity() {
        return new CallCriterion(code, name, description, weight);
    }
}
