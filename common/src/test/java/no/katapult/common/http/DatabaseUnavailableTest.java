package no.katapult.common.http;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseUnavailableTest {

    @Test
    void connectionFailuresDeepInTheCauseChainAreUnavailability() {
        var io = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertTrue(ProblemMappers.isDatabaseUnavailable(new RuntimeException("could not execute statement", io)));
        assertTrue(ProblemMappers.isDatabaseUnavailable(new SQLException("terminating connection", "57P01")));
        assertTrue(ProblemMappers.isDatabaseUnavailable(new SQLException("Sorry, acquisition timeout!")));
    }

    @Test
    void aCommitRefusedBecauseTheServerShutTheConnectionIsUnavailability() {
        // As Narayana reports it when PostgreSQL stops during the commit (seen in PostgresRestartDrillTest).
        var xa = new javax.transaction.xa.XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        var rollback = new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        assertTrue(ProblemMappers.isDatabaseUnavailable(new RuntimeException("Error invoking subclass method", rollback)));
        var unrelated = new jakarta.transaction.RollbackException("marked rollback only");
        unrelated.addSuppressed(new IllegalStateException("boom"));
        assertFalse(ProblemMappers.isDatabaseUnavailable(new RuntimeException(unrelated)));
    }

    @Test
    void aClosedClientConnectionIsRecognised() {
        assertTrue(ProblemMappers.isClientGone(new RuntimeException(new java.nio.channels.ClosedChannelException())));
        assertTrue(ProblemMappers.isClientGone(new IllegalStateException("Connection was closed")));
        assertFalse(ProblemMappers.isClientGone(new IllegalStateException("boom")));
    }

    @Test
    void constraintAndSyntaxErrorsAreNot() {
        assertFalse(ProblemMappers.isDatabaseUnavailable(new SQLException("duplicate key", "23505")));
        assertFalse(ProblemMappers.isDatabaseUnavailable(new SQLException("syntax error", "42601")));
        assertFalse(ProblemMappers.isDatabaseUnavailable(new IllegalStateException("boom")));
    }
}
