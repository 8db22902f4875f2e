package no.katapult.common.idempotency;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.katapult.common.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Idempotency-Key convention of the API guide: the same key with the same request within 24 hours
 * answers the first response and creates nothing new; the same key with another request is 422.
 * {@link IdempotencyStore} keeps the keys; this class holds the HTTP side.
 */
public final class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    /** Set on a replayed answer, as Stripe and the IETF draft do. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 200;

    private IdempotencyKeys() {
    }

    /** A response to replay: status, JSON body, and the Location and ETag headers. */
    public record StoredResponse(int status, String body, String location, String etag) {
    }

    /** SHA-256 of the canonical request (serialise the parsed body, so whitespace does not matter). */
    public static String hash(String canonicalRequest) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hash of a parsed request body: its JSON with the mapper's settings, so whitespace does not matter. */
    public static String hash(com.fasterxml.jackson.databind.ObjectMapper mapper, Object canonicalRequest) {
        try {
            return hash(mapper.writeValueAsString(canonicalRequest));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Could not serialise the request for its Idempotency-Key hash", e);
        }
    }

    /** 400 for a key that is blank, too long or not printable ASCII (it is stored and logged). */
    public static void validate(String key) {
        if (key == null) {
            return;
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw ProblemException.badRequest(HEADER, "must be 1 to " + MAX_KEY_LENGTH
                    + " printable ASCII characters without spaces");
        }
    }

    /** The HTTP answer for a stored response; {@code replayed} marks a repeat of an earlier request. */
    public static Response toResponse(StoredResponse stored, boolean replayed) {
        Response.ResponseBuilder builder = Response.status(stored.status())
                .entity(stored.body())
                .type(MediaType.APPLICATION_JSON_TYPE);
        if (stored.location() != null) {
            // Kept relative, as stored: JAX-RS would resolve it against this service's own host.
            builder.header(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            builder.header(HttpHeaders.ETAG, stored.etag());
        }
        if (replayed) {
            builder.header(REPLAYED_HEADER, "true");
        }
        return builder.build();
    }
}
