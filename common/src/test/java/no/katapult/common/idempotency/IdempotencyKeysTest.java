package no.katapult.common.idempotency;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import no.katapult.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key's shape (it is stored and logged) and the request hash that tells a replay from a reuse. */
class IdempotencyKeysTest {

    @Property
    void everyKeyOfPrintableAsciiWithoutSpacesUpTo200IsAccepted(
            @ForAll @StringLength(min = 1, max = IdempotencyKeys.MAX_KEY_LENGTH) @CharRange(from = '!', to = '~') String key) {
        assertDoesNotThrow(() -> IdempotencyKeys.validate(key));
    }

    @Property
    void aKeyWithAnyOtherCharacterIs400NamingTheHeader(
            @ForAll @StringLength(max = 50) @CharRange(from = '!', to = '~') String before,
            @ForAll char other,
            @ForAll @StringLength(max = 50) @CharRange(from = '!', to = '~') String after) {
        Assume.that(other < '!' || other > '~');
        ProblemException p = assertThrows(ProblemException.class, () -> IdempotencyKeys.validate(before + other + after));
        assertEquals(400, p.status());
        assertEquals(IdempotencyKeys.HEADER, p.errors().get(0).field());
    }

    @Test
    void anEmptyOrTooLongKeyIs400AndNoKeyIsFine() {
        assertEquals(400, assertThrows(ProblemException.class, () -> IdempotencyKeys.validate("")).status());
        assertEquals(400, assertThrows(ProblemException.class,
                () -> IdempotencyKeys.validate("k".repeat(IdempotencyKeys.MAX_KEY_LENGTH + 1))).status());
        assertDoesNotThrow(() -> IdempotencyKeys.validate(null));
    }

    @Test
    void theHashIsTheSha256OfTheCanonicalRequest() {
        // SHA-256 of "abc", from FIPS 180-2's examples.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", IdempotencyKeys.hash("abc"));
    }

    @Property
    void differentRequestsHaveDifferentHashes(@ForAll String a, @ForAll String b) {
        String hash = IdempotencyKeys.hash(a);
        assertTrue(hash.matches("[0-9a-f]{64}"), hash);
        if (!a.equals(b)) {
            assertNotEquals(hash, IdempotencyKeys.hash(b));
        }
    }
}
