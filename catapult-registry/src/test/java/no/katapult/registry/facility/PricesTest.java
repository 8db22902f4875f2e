package no.katapult.registry.facility;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import no.katapult.common.money.Money;
import no.katapult.common.problem.FieldErrors;
import no.katapult.common.problem.Problem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PricesTest {

    static List<String> fields(Money standard, Money sme, FieldErrors errors) {
        Prices.check(standard, sme, errors);
        return errors.sorted().stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void theSmePriceMayEqualButNotExceedTheStandardPrice() {
        assertEquals(List.of(), fields(Money.nok("800.00"), Money.nok("800.00"), new FieldErrors()));
        assertEquals(List.of("smePrice"), fields(Money.nok("800.00"), Money.nok("800.01"), new FieldErrors()));
    }

    @Test
    void aMissingOrAlreadyInvalidPriceIsNotComparedAgain() {
        assertEquals(List.of(), fields(null, Money.nok("1.00"), new FieldErrors()));
        assertEquals(List.of(), fields(Money.nok("1.00"), null, new FieldErrors()));
        assertEquals(List.of("standardPrice.amount"),
                fields(Money.nok("1.00"), Money.nok("2.00"), new FieldErrors().add("standardPrice.amount", "bad")));
    }

    /** Any two amounts in øre: refused exactly when the SME price is the higher one. */
    @Property
    void refusedExactlyWhenTheSmePriceIsHigher(@ForAll @LongRange(min = 0, max = 10_000_000_00L) long standardOre,
                                               @ForAll @LongRange(min = 0, max = 10_000_000_00L) long smeOre) {
        Money standard = Money.nok(BigDecimal.valueOf(standardOre, 2));
        Money sme = Money.nok(BigDecimal.valueOf(smeOre, 2));
        assertEquals(smeOre > standardOre ? List.of("smePrice") : List.of(), fields(standard, sme, new FieldErrors()));
    }
}
