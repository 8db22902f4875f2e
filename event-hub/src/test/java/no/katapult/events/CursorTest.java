package no.katapult.events;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.query.QueryParams;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CursorTest {

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Property
    void everyPositionSurvivesTheRoundTrip(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long position) {
        String cursor = Cursor.of(position);
        assertEquals(position, Cursor.position(cursor));
        assertFalse(cursor.contains("=") || cursor.contains("+") || cursor.contains("/"), "URL-safe without padding");
    }

    @Test
    void isOpaqueButVersioned() {
        assertEquals(b64("v1:12"), Cursor.of(12));
        assertEquals(0, Cursor.position(Cursor.of(0)));
    }

    @Test
    void refusesWhatTheFeedNeverWrote() {
        for (String bad : new String[]{"", "12", "abc!", b64("v2:12"), b64("v1:"), b64("v1:-1"), b64("v1:+1"),
                b64("v1:012"), b64("v1:1x"), b64("v1:99999999999999999999"), b64("v1: 1"), "djE6MTI=".repeat(10)}) {
            assertThrows(IllegalArgumentException.class, () -> Cursor.position(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Cursor.of(-1));
    }

    @Test
    void aBadParameterIsReportedUnderItsName() {
        QueryParams params = new QueryParams();
        assertEquals(0, Cursor.parse(params, "after", null));
        assertEquals(0, Cursor.parse(params, "after", " "));
        assertEquals(7, Cursor.parse(params, "after", Cursor.of(7)));
        assertFalse(params.hasErrors());
        Cursor.parse(params, "after", "nonsense");
        ProblemException problem = assertThrows(ProblemException.class, params::done);
        assertEquals(400, problem.status());
        assertEquals("after", problem.errors().get(0).field());
    }
}
