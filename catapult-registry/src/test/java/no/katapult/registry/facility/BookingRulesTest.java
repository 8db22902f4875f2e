package no.katapult.registry.facility;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import no.katapult.common.problem.FieldErrors;
import no.katapult.common.problem.Problem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BookingRulesTest {

    static BookingRules rules(Integer min, Integer max, Integer granularity) {
        return new BookingRules(min, max, granularity, 24, 180, 15, false, 48);
    }

    static List<String> fields(BookingRules rules) {
        FieldErrors errors = new FieldErrors();
        rules.check("bookingRules", errors);
        return errors.sorted().stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void durationsOnTheGridAndInOrderPass() {
        assertEquals(List.of(), fields(rules(60, 480, 30)));
        assertEquals(List.of(), fields(rules(30, 30, 30)));
    }

    @Test
    void durationsOffTheGridOrOutOfOrderAreNamed() {
        assertEquals(List.of("bookingRules.maxDurationMinutes", "bookingRules.minDurationMinutes"),
                fields(rules(45, 30, 30)));
        assertEquals(List.of("bookingRules.maxDurationMinutes"), fields(rules(60, 30, 30)));
        assertEquals(List.of("bookingRules.maxDurationMinutes"), fields(rules(60, 90, 60)));
    }

    @Test
    void missingMembersAreLeftToBeanValidation() {
        assertEquals(List.of(), fields(rules(null, null, null)));
        assertEquals(List.of(), fields(rules(null, 45, null)));
        assertEquals(List.of("bookingRules.minDurationMinutes"), fields(rules(45, null, 30)));
    }

    @Property
    void errorsAreExactlyTheBrokenRules(@ForAll @IntRange(min = 1, max = 2000) int min,
                                        @ForAll @IntRange(min = 1, max = 2000) int max,
                                        @ForAll @IntRange(min = 1, max = 1440) int granularity) {
        List<String> expected = new ArrayList<>();
        if (max % granularity != 0 || min > max) {
            expected.add("bookingRules.maxDurationMinutes");
        }
        if (min % granularity != 0) {
            expected.add("bookingRules.minDurationMinutes");
        }
        assertEquals(expected, fields(rules(min, max, granularity)).stream().distinct().toList());
    }
}
