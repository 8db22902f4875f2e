package no.katapult.e2e;

import no.katapult.openapi.ApiResponse;
import no.katapult.openapi.model.Money;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Small helpers that the journeys share on the generated client. */
final class Journeys {

    private Journeys() {
    }

    /** An amount in Norwegian kroner, as the contract's Money. */
    static Money nok(long kroner) {
        return new Money().amount(BigDecimal.valueOf(kroner)).currency("NOK");
    }

    /** The answer's ETag, which must be there. */
    static String etag(ApiResponse<?> answer) {
        List<String> values = answer.getHeaders().getOrDefault("ETag", List.of());
        assertFalse(values.isEmpty() || values.get(0).isBlank(), () -> "an ETag: " + answer.getHeaders());
        return values.get(0);
    }
}
