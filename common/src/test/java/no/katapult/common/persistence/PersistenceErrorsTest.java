package no.katapult.common.persistence;

import no.katapult.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersistenceErrorsTest {

    private static ProblemException translated(Throwable t) {
        return PersistenceErrors.translate(new RuntimeException("could not execute statement", t)).orElseThrow();
    }

    /** Stands in for Hibernate's exception: common matches lost updates by class name. */
    static final class StaleStateException extends RuntimeException {
    }

    @Test
    void aLostUpdateIs409ConcurrentUpdateWhateverReportsIt() {
        assertEquals("concurrent-update", translated(new SQLException("deadlock detected", "40P01")).slug());
        assertEquals("concurrent-update", translated(new SQLException("could not serialize", "40001")).slug());
        assertEquals(409, translated(new SQLException("lock timeout", "55P03")).status());
        assertEquals(409, translated(new jakarta.persistence.OptimisticLockException()).status());
    }

    @Test
    void constraintsMeanWhatTheyEnforce() {
        assertEquals(409, translated(new SQLException("dup", "23505")).status());
        assertEquals(409, translated(new SQLException("overlap", "23P01")).status());
        assertEquals(422, translated(new SQLException("fk", "23503")).status());
        assertEquals(422, translated(new SQLException("check", "23514")).status());
    }

    @Test
    void valuesPostgresCannotStoreAreTheCallersFault() {
        ProblemException nul = translated(new SQLException("invalid byte sequence for encoding UTF8: 0x00", "22021"));
        assertEquals(400, nul.status());
        // Not "validation": that type promises an errors list naming each field, which the database cannot give.
        assertEquals("unstorable-value", nul.slug());
        assertTrue(!nul.getMessage().contains("0x00"), "no SQL detail leaks");
        assertEquals(400, translated(new SQLException("value too long", "22001")).status());
    }

    @Test
    void otherFailuresAreNotTranslated() {
        assertTrue(PersistenceErrors.translate(new SQLException("syntax", "42601")).isEmpty());
        assertTrue(PersistenceErrors.translate(new IllegalStateException("boom")).isEmpty());
        assertTrue(PersistenceErrors.translate(new StaleStateException()).isEmpty(), "only the real class names count");
    }

    @Test
    void retryableMeansDeadlockOrSerialization() {
        assertTrue(PersistenceErrors.isRetryable(new RuntimeException(new SQLException("x", "40P01"))));
        assertTrue(!PersistenceErrors.isRetryable(new RuntimeException(new SQLException("x", "23P01"))));
    }
}
