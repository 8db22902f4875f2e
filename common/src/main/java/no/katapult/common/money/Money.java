package no.katapult.common.money;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money as the API guide writes it: an exact decimal amount and an ISO 4217 currency. */
@Schema(name = "Money", description = "An exact amount in a currency", examples = "{\"amount\": 1250.00, \"currency\": \"NOK\"}")
public record Money(
        @NotNull @DecimalMin(value = "0.00", message = "must not be negative") @Digits(integer = 13, fraction = 2)
        @Schema(examples = "1250.00", required = true) BigDecimal amount,
        @NotNull @Pattern(regexp = "NOK", message = "only NOK is supported")
        @Schema(examples = "NOK", required = true) String currency) {

    public static final String NOK = "NOK";

    public static Money nok(BigDecimal amount) {
        return new Money(amount.setScale(2, RoundingMode.HALF_UP), NOK);
    }

    public static Money nok(String amount) {
        return nok(new BigDecimal(amount));
    }

    public static Money zero() {
        return nok(BigDecimal.ZERO);
    }
}
