package no.katapult.common.problem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FieldErrorsTest {

    @Test
    void aProblemListsAtMostAHundredErrorsAndSaysHowManyThereAre() {
        FieldErrors errors = new FieldErrors();
        for (int i = 0; i < 1000; i++) {
            errors.add("capabilities[" + i + "]", "must not be blank");
        }
        ProblemException p = errors.toProblem();
        assertEquals(FieldErrors.MAX_LISTED, p.errors().size());
        assertEquals("1000 fields are invalid; the first 100 are listed", p.getMessage());
    }

    @Test
    void aFewErrorsAreAllListed() {
        ProblemException p = new FieldErrors().add("b", "x").add("a", "y").add("a", "y").toProblem();
        assertEquals(2, p.errors().size());
        assertEquals("a", p.errors().get(0).field());
        assertEquals("2 fields are invalid", p.getMessage());
    }
}
