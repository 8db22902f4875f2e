package no.katapult.common.http;

import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemMember;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The If-Match and If-None-Match rules of the API guide, without a server. */
class ETagsTest {

    @Test
    void anETagIsTheVersionInQuotes() {
        assertEquals("\"0\"", ETags.of(0));
        assertEquals("\"42\"", ETags.of(42));
    }

    @Test
    void theCurrentETagAnyOfAListOrAStarMatches() {
        assertDoesNotThrow(() -> ETags.check("\"7\"", 7, true));
        assertDoesNotThrow(() -> ETags.check("\"5\", \"7\"", 7, true));
        assertDoesNotThrow(() -> ETags.check("*", 7, true));
        // A weak validator of the same version: If-Match asks for strong comparison, but a client that kept
        // what a proxy weakened means the same version.
        assertDoesNotThrow(() -> ETags.check("W/\"7\"", 7, true));
    }

    @Test
    void aStaleETagIs412AndNamesTheCurrentOne() {
        ProblemException p = assertThrows(ProblemException.class, () -> ETags.check("\"6\"", 7, false));
        assertEquals(412, p.status());
        assertEquals("\"7\"", p.extensions().get(ProblemMember.CURRENT_ETAG.jsonName()));
        // An unquoted version is not the ETag: a client must send what it read.
        assertEquals(412, assertThrows(ProblemException.class, () -> ETags.check("7", 7, false)).status());
    }

    @Test
    void aMissingIfMatchIs428OnlyWhereTheUpdateRequiresIt() {
        assertEquals(428, assertThrows(ProblemException.class, () -> ETags.check(null, 7, true)).status());
        assertEquals(428, assertThrows(ProblemException.class, () -> ETags.check("  ", 7, true)).status());
        assertDoesNotThrow(() -> ETags.check(null, 7, false));
    }

    @Test
    void ifNoneMatchStarMakesAPutACreate() {
        assertTrue(ETags.createOnly("*", null));
        assertTrue(ETags.createOnly(" * ", null));
        assertFalse(ETags.createOnly(null, "\"3\""));
        assertFalse(ETags.createOnly(null, null));
    }

    @Test
    void anyOtherIfNoneMatchOrOneWithIfMatchIs400NamingTheHeader() {
        ProblemException other = assertThrows(ProblemException.class, () -> ETags.createOnly("\"3\"", null));
        assertEquals(400, other.status());
        assertEquals("If-None-Match", other.errors().get(0).field());
        ProblemException both = assertThrows(ProblemException.class, () -> ETags.createOnly("*", "\"3\""));
        assertEquals(400, both.status());
        assertEquals("If-None-Match", both.errors().get(0).field());
    }

    @Test
    void aCreateOnlyPutOfAnExistingItemIs412() {
        ProblemException p = ETags.exists("Centre 5b0c");
        assertEquals(412, p.status());
        assertTrue(p.getMessage().startsWith("Centre 5b0c exists already"), p.getMessage());
    }
}
