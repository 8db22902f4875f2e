package no.katapult.common.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StrictScalarsCustomizerTest {

    record Body(String name, int count, Boolean flag, BigDecimal amount, OffsetDateTime at) {
    }

    private final ObjectMapper mapper = strict();

    private static ObjectMapper strict() {
        ObjectMapper m = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictScalarsCustomizer().customize(m);
        return m;
    }

    @Test
    void wellTypedInputIsRead() throws Exception {
        Body b = mapper.readValue("""
                {"name": "x", "count": 3, "flag": true, "amount": 12.50, "at": "2027-03-28T01:30:00+01:00"}""", Body.class);
        assertEquals(3, b.count());
        assertEquals(new BigDecimal("12.50"), b.amount());
        assertEquals(OffsetDateTime.parse("2027-03-28T01:30:00+01:00").toInstant(), b.at().toInstant());
    }

    @Test
    void numbersAreNotStrings() {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"name\": 12345}", Body.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"name\": true}", Body.class));
    }

    @Test
    void stringsAndFractionsAreNotIntegers() {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"count\": \"12\"}", Body.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"count\": 12.7}", Body.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"count\": null}", Body.class));
    }

    @Test
    void numbersAreNotBooleansOrTimestamps() {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"flag\": 1}", Body.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"at\": 12345}", Body.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"at\": [2027, 3, 28]}", Body.class));
    }
}
