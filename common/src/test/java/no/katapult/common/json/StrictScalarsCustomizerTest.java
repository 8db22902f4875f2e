package no.katapult.common.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    record Listing(List<String> tags, LocalDate day) {
    }

    record Text(String name) {
    }

    @Test
    void aMemberGivenTwiceIsMalformed() {
        // Issue 11: with records, Jackson failed on the second value as a server error (a bare 500).
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> mapper.readValue("{\"name\": \"a\", \"name\": \"b\"}", Body.class));
        assertTrue(e.getOriginalMessage().startsWith("Duplicate field 'name'"), e::getMessage);
    }

    @Test
    void aNulCharacterIsRefusedWithItsPath() {
        RejectedValueException e = assertThrows(RejectedValueException.class,
                () -> mapper.readValue("{\"tags\": [\"ok\", \"a\\u0000b\"]}", Listing.class));
        assertEquals("must not contain NUL characters", e.getOriginalMessage());
        assertEquals("tags", e.getPath().get(0).getFieldName());
        assertEquals(1, e.getPath().get(1).getIndex());
        assertThrows(RejectedValueException.class, () -> mapper.readValue("{\"name\": \"\\u0000\"}", Body.class));
    }

    @Test
    void otherTextIsReadAsItIs() throws Exception {
        String text = "\u202egnp.exe \ud83d\ude80 \u0001 \u00e6\u00f8\u00e5";
        Text t = mapper.readValue("{\"name\": " + mapper.writeValueAsString(text) + "}", Text.class);
        assertEquals(text, t.name());
        // Strict coercion still applies to strings read by the NUL check.
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"tags\": [12]}", Listing.class));
    }

    @Test
    void arraysAreBounded() throws Exception {
        String thousand = "[" + "\"a\",".repeat(StrictScalarsCustomizer.MAX_ITEMS - 1) + "\"a\"]";
        assertEquals(StrictScalarsCustomizer.MAX_ITEMS, mapper.readValue("{\"tags\": " + thousand + "}", Listing.class)
                .tags().size());
        RejectedValueException e = assertThrows(RejectedValueException.class, () -> mapper.readValue(
                "{\"tags\": [" + "null,".repeat(10_000) + "null]}", Listing.class));
        assertEquals("must have at most 1000 items", e.getOriginalMessage());
        assertEquals("tags", e.getPath().get(0).getFieldName());
    }

    @Test
    void yearsBeyondFourDigitsAreRefused() throws Exception {
        assertThrows(RejectedValueException.class, () -> mapper.readValue("{\"at\": \"+999999999-12-31T23:59:59Z\"}", Body.class));
        assertThrows(RejectedValueException.class, () -> mapper.readValue("{\"day\": \"+10000-01-01\"}", Listing.class));
        assertThrows(RejectedValueException.class, () -> mapper.readValue("{\"day\": \"-0001-01-01\"}", Listing.class));
        assertEquals(LocalDate.of(9999, 12, 31), mapper.readValue("{\"day\": \"9999-12-31\"}", Listing.class).day());
    }

    @Test
    void numbersAreNotBooleansOrTimestamps() {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"flag\": 1}", Body.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"at\": 12345}", Body.class));
        assertThrows(MismatchedInputException.class, () -> mapper.readValue("{\"at\": [2027, 3, 28]}", Body.class));
    }
}
