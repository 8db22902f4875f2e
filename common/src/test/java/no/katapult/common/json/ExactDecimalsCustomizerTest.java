package no.katapult.common.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.katapult.common.money.Money;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExactDecimalsCustomizerTest {

    private static ObjectMapper exact() {
        ObjectMapper mapper = new ObjectMapper();
        new ExactDecimalsCustomizer().customize(mapper);
        return mapper;
    }

    @Test
    void moneyKeepsItsScaleThroughATreeAndBack() throws Exception {
        ObjectMapper mapper = exact();
        JsonNode tree = mapper.valueToTree(Money.nok("1250"));
        assertEquals("{\"amount\":1250.00,\"currency\":\"NOK\"}", mapper.writeValueAsString(tree));
        JsonNode read = mapper.readTree("{\"amount\": 18500000.00, \"tiny\": 0.10}");
        assertEquals("{\"amount\":18500000.00,\"tiny\":0.10}", mapper.writeValueAsString(read));
    }

    @Test
    void decimalsPastDoublePrecisionSurvive() throws Exception {
        ObjectMapper mapper = exact();
        assertEquals("{\"x\":12345678901234567.89}",
                mapper.writeValueAsString(mapper.readTree("{\"x\": 12345678901234567.89}")));
    }
}
