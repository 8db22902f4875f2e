package no.katapult.common.query;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import no.katapult.common.pagination.PageParams;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.problem.Problem;
import no.katapult.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryParamsTest {

    enum Colour { RED, GREEN }

    private static List<String> fieldsOf(Runnable parsing) {
        ProblemException e = assertThrows(ProblemException.class, parsing::run);
        assertEquals(400, e.status());
        return e.errors().stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void everyBadParameterIsNamedInOneProblem() {
        QueryParams p = new QueryParams();
        p.uuid("resourceId", "nope");
        p.enumValue("colour", "BLUE", Colour.class);
        p.timestamp("from", "yesterday");
        p.orgNo("orgNo", "123456789");
        assertEquals(List.of("colour", "from", "orgNo", "resourceId"), fieldsOf(p::done));
    }

    @Test
    void goodValuesParseAndBlanksAreAbsent() {
        QueryParams p = new QueryParams();
        assertEquals(Colour.GREEN, p.enumValue("c", " green ", Colour.class));
        assertEquals("123456785", p.orgNo("o", "123456785"));
        assertNull(p.uuid("u", "  "));
        assertNull(p.text("q", null));
        assertEquals(OffsetDateTime.parse("2027-03-28T01:30:00+01:00"), p.timestamp("t", "2027-03-28T01:30:00+01:00"));
        p.done();
    }

    @Test
    void pagesNearTheIntegerLimitAre400NotAnOverflow() {
        QueryParams p = new QueryParams();
        p.page(new PageParams("2147483647", "100"));
        p.page(new PageParams("99999999999999999999", "10"));
        p.page(new PageParams("-1", "0"));
        assertEquals(List.of("page", "size"), fieldsOf(p::done), "each bad parameter once");
    }

    @Test
    void theLargestAcceptedPageHasAnIntOffset() {
        PageRequest page = new QueryParams().page(new PageParams(String.valueOf(PageRequest.MAX_PAGE), "1000"));
        assertEquals(PageRequest.MAX_PAGE * PageRequest.MAX_SIZE, page.offset());
    }

    @Property
    void anyIntegerInRangeParsesAndAnyOutsideIsReported(@ForAll @LongRange(min = -5_000_000_000L, max = 5_000_000_000L) long n) {
        QueryParams p = new QueryParams();
        int parsed = p.integer("n", Long.toString(n), -1000, 1000, 7);
        if (n >= -1000 && n <= 1000) {
            assertEquals(n, parsed);
            p.done();
        } else {
            assertEquals(7, parsed);
            assertEquals(List.of("n"), fieldsOf(p::done));
        }
    }

    @Test
    void controlCharactersAndOverlongTextAreRefused() {
        QueryParams p = new QueryParams();
        p.text("q", "3d\u0000printer");
        p.text("code", "x".repeat(QueryParams.MAX_TEXT_LENGTH + 1));
        assertEquals(List.of("code", "q"), fieldsOf(p::done));
        assertEquals("havbruk 🐟 שלום", new QueryParams().text("q", "havbruk 🐟 שלום"));
    }

    @Test
    void datesThatDoNotExistAreRefused() {
        QueryParams p = new QueryParams();
        p.date("day", "2027-02-30");
        p.timestamp("at", "2027-02-29T10:00:00+01:00");
        p.timestampOrDate("from", "2027-13-01", false);
        assertEquals(List.of("at", "day", "from"), fieldsOf(p::done));
    }

    @Test
    void yearsBeyondFourDigitsAreRefusedNotPassedToTheDatabase() {
        // java.time reads these; PostgreSQL cannot store them (issue 11: a 500 from the bookings listing).
        QueryParams p = new QueryParams();
        p.timestamp("from", "+999999999-12-31T23:59:59Z");
        p.timestamp("to", "-999999999-01-01T00:00:00Z");
        p.date("day", "+10000-01-01");
        p.timestampOrDate("since", "+275760-09-13T00:00:00Z", false);
        assertEquals(List.of("day", "from", "since", "to"), fieldsOf(p::done));
        QueryParams ok = new QueryParams();
        assertEquals(OffsetDateTime.parse("9999-12-31T23:59:59Z"), ok.timestamp("t", "9999-12-31T23:59:59Z"));
        ok.done();
    }

    @Test
    void aDateBoundCoversItsWholeOsloDayAcrossDst() {
        QueryParams p = new QueryParams();
        // 2027-03-28 has 23 hours in Oslo: it starts at +01:00 and the next day at +02:00.
        assertEquals(OffsetDateTime.parse("2027-03-28T00:00:00+01:00"), p.timestampOrDate("from", "2027-03-28", false));
        assertEquals(OffsetDateTime.parse("2027-03-29T00:00:00+02:00"), p.timestampOrDate("to", "2027-03-28", true));
        assertEquals(OffsetDateTime.parse("2027-11-01T00:00:00+01:00"), p.timestampOrDate("to", "2027-10-31", true));
    }

    @Test
    void shortUuidFormsAreNotIds() {
        QueryParams p = new QueryParams();
        p.uuid("id", "1-1-1-1-1");
        assertEquals(List.of("id"), fieldsOf(p::done));
    }

    @Test
    void requiredValuesAreReportedWhenMissing() {
        QueryParams p = new QueryParams();
        p.requiredUuid("resourceId", null);
        p.requiredTimestamp("from", "");
        p.requiredEnum("type", " ", Colour.class);
        assertTrue(p.hasErrors());
        assertEquals(List.of("from", "resourceId", "type"), fieldsOf(p::done));
    }
}
