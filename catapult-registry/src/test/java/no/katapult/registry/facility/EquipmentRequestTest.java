package no.katapult.registry.facility;

import no.katapult.common.money.Money;
import no.katapult.common.problem.FieldErrors;
import no.katapult.common.problem.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EquipmentRequestTest {

    static List<String> fields(Money standard, Money sme) {
        EquipmentRequest request = new EquipmentRequest(UUID.randomUUID(), "Skanner", "scanner", null, null, null,
                List.of(), true, standard, sme);
        FieldErrors errors = new FieldErrors();
        request.check(errors);
        return errors.sorted().stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void ownPricesComeAsAPairOrNotAtAll() {
        assertEquals(List.of(), fields(null, null));
        assertEquals(List.of(), fields(Money.nok("100.00"), Money.nok("90.00")));
        assertEquals(List.of("smePrice"), fields(Money.nok("100.00"), null));
        assertEquals(List.of("standardPrice"), fields(null, Money.nok("100.00")));
    }

    @Test
    void theSmePriceIsNotHigher() {
        assertEquals(List.of("smePrice"), fields(Money.nok("100.00"), Money.nok("100.01")));
    }
}
