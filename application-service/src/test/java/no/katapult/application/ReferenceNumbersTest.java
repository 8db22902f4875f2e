package no.katapult.application;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReferenceNumbersTest {

    @Test
    void referencesCarryTheYearAndAtLeastFourDigits() {
        assertEquals("KAT-2026-0001", ReferenceNumbers.format(2026, 1));
        assertEquals("KAT-2026-0007", ReferenceNumbers.format(2026, 7));
        assertEquals("KAT-2027-0420", ReferenceNumbers.format(2027, 420));
        assertEquals("KAT-2027-9999", ReferenceNumbers.format(2027, 9999));
    }

    @Test
    void aYearWithMoreThan9999ApplicationsGetsLongerReferences() {
        assertEquals("KAT-2027-10000", ReferenceNumbers.format(2027, 10000));
    }
}
