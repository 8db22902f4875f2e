package no.katapult.common.idempotency;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import no.katapult.common.idempotency.IdempotencyKeys.StoredResponse;
import no.katapult.common.persistence.RetentionPurge;
import no.katapult.common.problem.ProblemException;

import java.util.List;
import java.util.Optional;

/**
 * Idempotency-Keys, stored in the calling service's own database in the table {@code idempotency_key}
 * (migration {@code db/common/V0_1__idempotency_key.sql}). Keys are scoped per caller and operation,
 * see {@link #scope}, so one caller's keys never collide with another's or with another operation's.
 *
 * <p>{@link #claim} and {@link #complete} run inside the transaction that creates the resource. The
 * primary key makes a concurrent duplicate wait for the first transaction: if it commits, the duplicate
 * replays its answer; if it rolls back, the duplicate runs as new. A failed attempt therefore leaves no
 * record and may be retried with the same key. {@link #peek} looks first, outside that transaction, so
 * that a replay costs no work (such as calls to another service).
 */
@ApplicationScoped
// Only in services with a database: common is also used by the gateway, which has none.
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class IdempotencyStore {

    private static final String RETENTION = "interval '24 hours'";

    @Inject
    EntityManager em;

    /** The scope of a key: the caller's subject and the operation, e.g. "sub-1 POST /api/v1/bookings". */
    public static String scope(String subject, String operation) {
        return subject + " " + operation;
    }

    /**
     * The stored answer for a completed key, in a short transaction of its own; empty for an unknown,
     * expired or still running one. 422 when the key came with another request.
     */
    public Optional<StoredResponse> peek(String scope, String key, String requestHash) {
        IdempotencyKeys.validate(key);
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<Object[]> row = find(scope, key, true);
            if (row.isEmpty() || row.get()[1] == null) {
                return Optional.empty();
            }
            return Optional.of(stored(row.get(), requestHash));
        });
    }

    /**
     * Claims the key inside the current transaction. Empty when it is new: the caller goes on and must call
     * {@link #complete}. The first answer when the same request came before; 422 for another request.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<StoredResponse> claim(String scope, String key, String requestHash) {
        IdempotencyKeys.validate(key);
        em.createNativeQuery("DELETE FROM idempotency_key WHERE scope = ?1 AND key = ?2 AND created_at < now() - "
                        + RETENTION)
                .setParameter(1, scope).setParameter(2, key).executeUpdate();
        int inserted = em.createNativeQuery("INSERT INTO idempotency_key (scope, key, request_hash) "
                        + "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, requestHash).executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        Optional<Object[]> row = find(scope, key, false);
        if (row.isEmpty()) {
            // Expired and removed between the insert and this read: the key is new again.
            return claim(scope, key, requestHash);
        }
        if (row.get()[1] == null) {
            // Only possible when the first request's transaction is still open in this very transaction.
            throw ProblemException.conflict("idempotency-key-in-flight",
                    "A request with this Idempotency-Key is still being processed; retry shortly");
        }
        return Optional.of(stored(row.get(), requestHash));
    }

    /** Records the answer for a key claimed in this transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String scope, String key, StoredResponse response) {
        em.createNativeQuery("UPDATE idempotency_key SET status = ?3, body = ?4, location = ?5, etag = ?6 "
                        + "WHERE scope = ?1 AND key = ?2")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, response.status())
                .setParameter(4, response.body()).setParameter(5, response.location())
                .setParameter(6, response.etag()).executeUpdate();
    }

    @Scheduled(every = "${catapult.idempotency.purge-interval}", delayed = "${catapult.idempotency.purge-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOnSchedule() {
        RetentionPurge.run("Idempotency-Keys", this::purgeExpired);
    }

    /**
     * Removes keys older than 24 hours. Safe with any number of replicas: each deletes what has expired,
     * and a row another replica already removed is simply not there.
     */
    @Transactional
    public int purgeExpired() {
        return em.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < now() - " + RETENTION)
                .executeUpdate();
    }

    private Optional<Object[]> find(String scope, String key, boolean unexpiredOnly) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT request_hash, status, body, location, etag "
                        + "FROM idempotency_key WHERE scope = ?1 AND key = ?2"
                        + (unexpiredOnly ? " AND created_at >= now() - " + RETENTION : ""))
                .setParameter(1, scope).setParameter(2, key).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static StoredResponse stored(Object[] row, String requestHash) {
        if (!requestHash.equals(row[0])) {
            throw ProblemException.unprocessable("idempotency-key-reused",
                    "This Idempotency-Key was already used with a different request body");
        }
        return new StoredResponse(((Number) row[1]).intValue(), (String) row[2], (String) row[3], (String) row[4]);
    }
}
