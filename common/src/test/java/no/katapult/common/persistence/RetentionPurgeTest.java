package no.katapult.common.persistence;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetentionPurgeTest {

    @Test
    void aRoundAnswersHowManyRowsThePurgeRemoved() {
        assertEquals(3, RetentionPurge.run("rows", () -> 3));
        assertEquals(0, RetentionPurge.run("rows", () -> 0));
    }

    @Test
    void aFailedRoundIsLeftToTheNextOneInsteadOfThrowingIntoTheScheduler() {
        AtomicInteger rounds = new AtomicInteger();
        assertEquals(-1, RetentionPurge.run("rows", () -> {
            rounds.incrementAndGet();
            throw new IllegalStateException("Connection refused");
        }));
        assertEquals(1, rounds.get(), "the round ran once and was not retried in place");
        assertEquals(2, RetentionPurge.run("rows", () -> 2), "the next round runs as usual");
    }

    @Test
    void anErrorIsNotSwallowed() {
        assertThrows(OutOfMemoryError.class, () -> RetentionPurge.run("rows", () -> {
            throw new OutOfMemoryError("heap");
        }));
    }
}
