package no.katapult.registry.organisation;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmeClassTest {

    static final BigDecimal RATE = new BigDecimal("11.5");

    static SmeClass classify(int employees, String turnoverNok, String balanceNok, BigDecimal rate) {
        return SmeClass.classify(employees, new BigDecimal(turnoverNok), new BigDecimal(balanceNok), rate);
    }

    /**
     * Staff limits are strict; either money ceiling suffices and ceilings are inclusive. At 11.5 NOK per EUR:
     * EUR 2 m = NOK 23 m; medium: turnover EUR 50 m (NOK 575 m) or balance sheet EUR 43 m (NOK 494.5 m).
     */
    @ParameterizedTest(name = "{0} staff, turnover {1}, balance {2} at {3}: {4}")
    @CsvSource({
            "9,   0,            0,             11.5, MICRO",
            "10,  0,            0,             11.5, SMALL",
            "49,  0,            0,             11.5, SMALL",
            "50,  0,            0,             11.5, MEDIUM",
            "249, 0,            0,             11.5, MEDIUM",
            "250, 0,            0,             11.5, LARGE",
            "5,   23000000,     1000000000,    11.5, MICRO",
            "5,   1000000000,   23000000,      11.5, MICRO",
            "5,   23000000.01,  23000000.01,   11.5, SMALL",
            "100, 575000000,    9999999999,    11.5, MEDIUM",
            "100, 9999999999,   494500000,     11.5, MEDIUM",
            "100, 575000000.01, 494500000.01,  11.5, LARGE",
            // The rate decides where NOK amounts fall.
            "5,   23000000,     23000000,      11.5, MICRO",
            "5,   23000000,     23000000,      11.0, SMALL",
            "5,   23000000,     23000000,      12.0, MICRO"})
    void theSmallestClassTheFiguresFit(int employees, String turnoverNok, String balanceNok, String rate,
                                       SmeClass expected) {
        assertEquals(expected, classify(employees, turnoverNok, balanceNok, new BigDecimal(rate)));
    }

    static final String MAX_NOK = "1000000000000";

    /** More staff, a larger turnover or a larger balance sheet never makes an enterprise smaller. */
    @Property
    void biggerFiguresNeverGiveASmallerClass(
            @ForAll @IntRange(min = 0, max = 400) int employees, @ForAll @IntRange(min = 0, max = 400) int moreEmployees,
            @ForAll @BigRange(min = "0", max = MAX_NOK) BigDecimal turnover, @ForAll @BigRange(min = "0", max = MAX_NOK) BigDecimal moreTurnover,
            @ForAll @BigRange(min = "0", max = MAX_NOK) BigDecimal balance, @ForAll @BigRange(min = "0", max = MAX_NOK) BigDecimal moreBalance) {
        SmeClass base = SmeClass.classify(employees, turnover, balance, RATE);
        SmeClass bigger = SmeClass.classify(employees + moreEmployees, turnover.add(moreTurnover), balance.add(moreBalance), RATE);
        assertTrue(bigger.compareTo(base) >= 0, base + " became " + bigger);
    }

    /** A weaker krone (more NOK per EUR) raises the NOK ceilings, so the same NOK figures never give a larger class. */
    @Property
    void aHigherRateNeverGivesALargerClass(
            @ForAll @IntRange(min = 0, max = 300) int employees,
            @ForAll @BigRange(min = "0", max = MAX_NOK) BigDecimal turnover, @ForAll @BigRange(min = "0", max = MAX_NOK) BigDecimal balance,
            @ForAll @BigRange(min = "5", max = "20") BigDecimal rate, @ForAll @BigRange(min = "0", max = "5") BigDecimal rise) {
        SmeClass before = SmeClass.classify(employees, turnover, balance, rate);
        SmeClass after = SmeClass.classify(employees, turnover, balance, rate.add(rise));
        assertTrue(after.compareTo(before) <= 0, before + " became " + after);
    }

    /** The staff limit decides alone when both money figures are within the micro ceilings. */
    @Property
    void withSmallFiguresTheHeadcountDecides(@ForAll @IntRange(min = 0, max = 10_000) int employees) {
        SmeClass expected = employees < 10 ? SmeClass.MICRO : employees < 50 ? SmeClass.SMALL
                : employees < 250 ? SmeClass.MEDIUM : SmeClass.LARGE;
        assertEquals(expected, classify(employees, "23000000", "23000000", RATE));
        assertEquals(expected != SmeClass.LARGE, expected.isSme());
    }
}
