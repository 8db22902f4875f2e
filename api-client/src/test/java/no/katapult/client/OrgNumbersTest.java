package no.katapult.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrgNumbersTest {

    @Test
    void knownNumbers() {
        assertTrue(OrgNumbers.valid("123456785"));
        assertTrue(OrgNumbers.valid("910000012"));
        assertTrue(OrgNumbers.valid("930000019"));
        assertFalse(OrgNumbers.valid("123456789"), "wrong check digit");
        assertFalse(OrgNumbers.valid("12345678"), "eight digits");
        assertFalse(OrgNumbers.valid("12345678a"));
        assertFalse(OrgNumbers.valid(null));
    }

    @Test
    void aRemainderOfOneHasNoCheckDigit() {
        String eight = "40000000"; // 4 * 3 = 12, which leaves 1
        assertEquals(-1, OrgNumbers.checkDigit(eight));
        assertThrows(IllegalArgumentException.class, () -> OrgNumbers.random(eight));
    }

    @Test
    void randomNumbersAreValidAndKeepTheirPrefix() {
        for (int i = 0; i < 1000; i++) {
            String n = OrgNumbers.random("97");
            assertTrue(OrgNumbers.valid(n), n);
            assertTrue(n.startsWith("97"), n);
            assertEquals(9, n.length());
        }
        assertTrue(OrgNumbers.valid(OrgNumbers.random("")));
        assertThrows(IllegalArgumentException.class, () -> OrgNumbers.random("9x"));
    }
}
