package no.katapult.registry.facility;

import no.katapult.common.money.Money;
import no.katapult.common.problem.FieldErrors;

/** The price rule shared by facilities and equipment: the SME price never exceeds the standard one. */
public final class Prices {
    private Prices() {
    }

    public static void check(Money standardPrice, Money smePrice, FieldErrors errors) {
        if (standardPrice != null && smePrice != null && standardPrice.amount() != null && smePrice.amount() != null
                && !errors.has("standardPrice") && !errors.has("smePrice")
                && smePrice.amount().compareTo(standardPrice.amount()) > 0) {
            errors.add("smePrice", "must not exceed standardPrice (" + standardPrice.amount().toPlainString() + " NOK)");
        }
    }
}
