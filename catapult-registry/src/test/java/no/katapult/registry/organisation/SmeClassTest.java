package no.katapult.registry.organisation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmeClassTest {

    static final BigDecimal RATE = new BigDecimal("11.5");

    static SmeClass classify(int employees, String turnoverNok, String balanceNok, BigDecimal rate) {
        return SmeClass.classify(employees, new BigDecimal(turnoverNok), new BigDecimal(balanceNok), rate);
    }

    @Test
    void headcountLimitsAreStrict() {
        assertEquals(SmeClass.MICRO, classify(9, "0", "0", RATE));
        assertEquals(SmeClass.SMALL, classify(10, "0", "0", RATE));
        assertEquals(SmeClass.SMALL, classify(49, "0", "0", RATE));
        assertEquals(SmeClass.MEDIUM, classify(50, "0", "0", RATE));
        assertEquals(SmeClass.MEDIUM, classify(249, "0", "0", RATE));
        assertEquals(SmeClass.LARGE, classify(250, "0", "0", RATE));
    }

    @Test
    void eitherMoneyCeilingSufficesAndCeilingsAreInclusive() {
        // EUR 2 m at 11.5 = NOK 23 m.
        assertEquals(SmeClass.MICRO, classify(5, "23000000", "1000000000", RATE));
        assertEquals(SmeClass.MICRO, classify(5, "1000000000", "23000000", RATE));
        assertEquals(SmeClass.SMALL, classify(5, "23000000.01", "23000000.01", RATE));
        // Medium: turnover EUR 50 m (NOK 575 m) or balance sheet EUR 43 m (NOK 494.5 m).
        assertEquals(SmeClass.MEDIUM, classify(100, "575000000", "9999999999", RATE));
        assertEquals(SmeClass.MEDIUM, classify(100, "9999999999", "494500000", RATE));
        assertEquals(SmeClass.LARGE, classify(100, "575000000.01", "494500000.01", RATE));
    }

    @Test
    void theRateDecidesWhereNokAmountsFall() {
        assertEquals(SmeClass.MICRO, classify(5, "23000000", "23000000", new BigDecimal("11.5")));
        assertEquals(SmeClass.SMALL, classify(5, "23000000", "23000000", new BigDecimal("11.0")));
        assertEquals(SmeClass.MICRO, classify(5, "23000000", "23000000", new BigDecimal("12.0")));
    }
}
