package no.katapult.e2e;

import no.katapult.openapi.ApiResponse;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Small helpers that the journeys share on the generated client. */
final class Journeys {

    private Journeys() {
    }

    /** The answer's ETag, which must be there. */
    static String etag(ApiResponse<?> answer) {
        List<String> values = answer.getHeaders().getOrDefault("ETag", List.of());
        assertFalse(values.isEmpty() || values.get(0).isBlank(), () -> "an ETag: " + answer.getHeaders());
        return values.get(0);
    }
}
