package no.katapult.registry.facility;

import no.katapult.common.money.Money;
import no.katapult.common.problem.FieldErrors;
import no.katapult.common.problem.Problem;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FacilityRequestTest {

    static FacilityRequest request(List<Closure> closures, BookingRules rules, Map<String, List<TimeInterval>> hours) {
        return new FacilityRequest(UUID.randomUUID(), "Lab", FacilityType.LAB, null, List.of(), 4, null, hours,
                closures, rules, Money.nok("1000.00"), Money.nok("1200.00"), true, true);
    }

    static BookingRules rules(int min, int max, int granularity) {
        return new BookingRules(min, max, granularity, 24, 180, 15, false, 48);
    }

    @Test
    void everyCrossFieldRuleIsCheckedAndTheHoursComeBackNormalised() {
        List<Closure> closures = List.of(
                new Closure(LocalDate.parse("2027-01-01"), LocalDate.parse("2027-01-01"), "Nyttårsdag"),
                new Closure(LocalDate.parse("2027-01-10"), LocalDate.parse("2027-01-09"), "Baklengs"));
        FieldErrors errors = new FieldErrors();
        Map<String, List<TimeInterval>> hours = request(closures, rules(45, 60, 30),
                Map.of("monday", List.of(new TimeInterval("08:00", "16:00")))).check(errors);
        assertEquals(List.of("bookingRules.minDurationMinutes", "closures[1].to", "smePrice"),
                errors.sorted().stream().map(Problem.FieldError::field).toList());
        assertEquals(Map.of("MONDAY", List.of(new TimeInterval("08:00", "16:00"))), hours);
    }

    @Test
    void missingMembersAreLeftToBeanValidation() {
        List<Closure> closures = Arrays.asList(null, new Closure(null, null, null));
        FieldErrors errors = new FieldErrors();
        new FacilityRequest(null, null, null, null, null, null, null, null, closures, null, null, null, null, null)
                .check(errors);
        assertEquals(List.of(), errors.sorted());
    }
}
