package no.katapult.common.idempotency;

import jakarta.persistence.EntityManager;
import no.katapult.common.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The Idempotency-Key convention, stored in the calling service's own database. Each service that
 * uses it creates this table in a Flyway migration:
 *
 * <pre>
 * CREATE TABLE idempotency_key (
 *     scope        varchar(200) NOT NULL,
 *     key          varchar(200) NOT NULL,
 *     request_hash varchar(64)  NOT NULL,
 *     status       integer,
 *     body         text,
 *     location     text,
 *     etag         text,
 *     created_at   timestamptz  NOT NULL DEFAULT now(),
 *     PRIMARY KEY (scope, key)
 * );
 * </pre>
 *
 * Call {@link #claim} and {@link #complete} inside the transaction that creates the resource. The
 * primary key makes a concurrent duplicate wait for the first transaction: if it commits, the
 * duplicate replays its answer; if it rolls back, the duplicate runs as new. Failed attempts
 * therefore leave no record and may be retried with the same key.
 */
public final class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 200;

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

    /**
     * Claims {@code key} within {@code scope} (usually the caller's subject). Returns empty when the
     * key is new: the caller goes on and must call {@link #complete}. Returns the first response when
     * the same key came with the same request within 24 hours. Answers 422 when the key came with
     * another request.
     */
    public static Optional<StoredResponse> claim(EntityManager em, String scope, String key, String requestHash) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.badRequest(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        em.createNativeQuery("DELETE FROM idempotency_key WHERE scope = ?1 AND key = ?2 "
                        + "AND created_at < now() - interval '24 hours'")
                .setParameter(1, scope).setParameter(2, key).executeUpdate();
        int inserted = em.createNativeQuery("INSERT INTO idempotency_key (scope, key, request_hash) "
                        + "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, requestHash).executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT request_hash, status, body, location, etag "
                        + "FROM idempotency_key WHERE scope = ?1 AND key = ?2")
                .setParameter(1, scope).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            // The row vanished between insert and select (expired and removed): treat as new.
            return claim(em, scope, key, requestHash);
        }
        Object[] row = rows.get(0);
        if (!requestHash.equals(row[0])) {
            throw ProblemException.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was already used with a different request body");
        }
        if (row[1] == null) {
            throw ProblemException.conflict("idempotency-key-in-flight",
                    "A request with this Idempotency-Key is still being processed; retry shortly");
        }
        return Optional.of(new StoredResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3],
                (String) row[4]));
    }

    /**
     * Looks a key up without claiming it, so a service can replay before doing expensive work
     * (such as calling another service). Same semantics as {@link #claim} for a known key; empty
     * for an unknown or expired one.
     */
    public static Optional<StoredResponse> peek(EntityManager em, String scope, String key, String requestHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT request_hash, status, body, location, etag "
                        + "FROM idempotency_key WHERE scope = ?1 AND key = ?2 "
                        + "AND created_at >= now() - interval '24 hours'")
                .setParameter(1, scope).setParameter(2, key).getResultList();
        if (rows.isEmpty() || rows.get(0)[1] == null) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        if (!requestHash.equals(row[0])) {
            throw ProblemException.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was already used with a different request body");
        }
        return Optional.of(new StoredResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3],
                (String) row[4]));
    }

    /** Records the response for a key claimed in this transaction. */
    public static void complete(EntityManager em, String scope, String key, StoredResponse response) {
        em.createNativeQuery("UPDATE idempotency_key SET status = ?3, body = ?4, location = ?5, etag = ?6 "
                        + "WHERE scope = ?1 AND key = ?2")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, response.status())
                .setParameter(4, response.body()).setParameter(5, response.location())
                .setParameter(6, response.etag()).executeUpdate();
    }

    /** Removes records older than 24 hours; services may call it from a scheduled job. */
    public static int purgeExpired(EntityManager em) {
        return em.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < now() - interval '24 hours'")
                .executeUpdate();
    }
}
