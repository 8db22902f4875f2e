package no.katapult.common.orgno;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrgNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"123456785", "910000012", "920000010", "930000019", "930000027", "930000035",
            "930000043", "930000051", "940000017", "990000018"})
    void acceptsValidNumbers(String orgNo) {
        assertTrue(OrgNumbers.isValid(orgNo), orgNo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789", "910000013", "12345678", "1234567850", "12345678a", " 12345678", ""})
    void rejectsInvalidNumbers(String orgNo) {
        assertFalse(OrgNumbers.isValid(orgNo), orgNo);
    }

    @Test
    void remainderZeroGivesCheckDigitZero() {
        // 3*1 + 2*0 + 7*0 + 6*0 + 5*0 + 4*0 + 3*0 + 2*4 = 11 -> remainder 0 -> check digit 0
        assertTrue(OrgNumbers.isValid("100000040"));
        assertFalse(OrgNumbers.isValid("100000041"));
    }

    @Test
    void remainderOneIsAlwaysInvalid() {
        // 3*1 + 2*0 ... + 2*5 = 13 -> remainder 2; 3*1 + 2*1 + 2*4 = 13; find sum = 12: 3*4 = 12 -> remainder 1
        for (int check = 0; check <= 9; check++) {
            assertFalse(OrgNumbers.isValid("40000000" + check), "remainder 1 with check digit " + check);
        }
    }

    @Test
    void nullIsNotValid() {
        assertFalse(OrgNumbers.isValid(null));
    }

    @Test
    void checkDigitOfEightDigits() {
        assertEquals(5, OrgNumbers.checkDigit("12345678"));
        assertEquals(0, OrgNumbers.checkDigit("10000004"), "remainder 0 gives 0, not 11");
        assertEquals(-1, OrgNumbers.checkDigit("40000000"), "remainder 1: no digit makes it valid");
    }

    /** The digit checkDigit gives is the one digit isValid accepts after those eight; with -1, none is. */
    @Property
    void checkDigitIsTheOnlyDigitThatMakesANumberValid(@ForAll @IntRange(min = 0, max = 99_999_999) int prefix) {
        String eight = String.format("%08d", prefix);
        int check = OrgNumbers.checkDigit(eight);
        for (int digit = 0; digit <= 9; digit++) {
            assertEquals(digit == check, OrgNumbers.isValid(eight + digit), eight + digit);
        }
    }
}
