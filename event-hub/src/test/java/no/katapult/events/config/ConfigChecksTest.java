package no.katapult.events.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigChecksTest {

    private static final List<Duration> STANDARD = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5));

    @Test
    void theDefaultsPass() {
        assertEquals(List.of(), ConfigChecks.problems(Duration.ofDays(90), Duration.ofSeconds(60), Duration.ofSeconds(5),
                Duration.ofSeconds(15), STANDARD));
    }

    @Test
    void retentionBelowNinetyDaysIsRefused() {
        List<String> problems = ConfigChecks.problems(Duration.ofDays(89), Duration.ofSeconds(60), Duration.ofSeconds(5),
                Duration.ofSeconds(15), STANDARD);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("EVENTS_RETENTION"));
    }

    @Test
    void aLeaseNoLongerThanASendIsRefused() {
        List<String> problems = ConfigChecks.problems(Duration.ofDays(365), Duration.ofSeconds(20), Duration.ofSeconds(5),
                Duration.ofSeconds(15), STANDARD);
        assertTrue(problems.get(0).contains("EVENTS_DELIVERY_LEASE"), problems.toString());
    }

    @Test
    void anEmptyOrNegativeScheduleIsRefused() {
        assertTrue(ConfigChecks.problems(Duration.ofDays(90), Duration.ofSeconds(60), Duration.ofSeconds(5),
                Duration.ofSeconds(15), List.of()).get(0).contains("EVENTS_RETRY_SCHEDULE"));
        assertTrue(ConfigChecks.problems(Duration.ofDays(90), Duration.ofSeconds(60), Duration.ofSeconds(5),
                Duration.ofSeconds(15), List.of(Duration.ofSeconds(-1))).get(0).contains("EVENTS_RETRY_SCHEDULE"));
    }
}
