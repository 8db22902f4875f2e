package no.katapult.common.time;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IsoOffsetDateTimeSerializerTest {

    @Property(tries = 5000)
    void writesWhatTheIsoFormatterWrites(@ForAll("times") OffsetDateTime t) {
        assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t), IsoOffsetDateTimeSerializer.format(t));
    }

    @Provide
    Arbitrary<OffsetDateTime> times() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(
                LocalDateTime.of(-20, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
                LocalDateTime.of(10020, 12, 31, 23, 59).toEpochSecond(ZoneOffset.UTC));
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(us -> us * 1000), Arbitraries.integers().between(0, 999_999_999));
        Arbitrary<ZoneOffset> offsets = Arbitraries.oneOf(Arbitraries.of(ZoneOffset.UTC, ZoneOffset.ofHours(1), ZoneOffset.ofHours(2)),
                Arbitraries.integers().between(-18 * 4, 18 * 4).map(q -> ZoneOffset.ofTotalSeconds(q * 900)),
                Arbitraries.integers().between(-18 * 3600, 18 * 3600).map(ZoneOffset::ofTotalSeconds));
        return seconds.flatMap(s -> nanos.flatMap(n -> offsets.map(o -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(s, n), o))));
    }

    @Test
    void osloOnTheDaysTheClockChanges() {
        // 2027-03-28: 02:00 is skipped; 2027-10-31: 02:00-03:00 comes twice.
        assertEquals("2027-03-28T01:59:59.999+01:00", IsoOffsetDateTimeSerializer.format(Clocks.inOslo(Instant.parse("2027-03-28T00:59:59.999Z"))));
        assertEquals("2027-03-28T03:00:00+02:00", IsoOffsetDateTimeSerializer.format(Clocks.inOslo(Instant.parse("2027-03-28T01:00:00Z"))));
        assertEquals("2027-10-31T02:30:00+02:00", IsoOffsetDateTimeSerializer.format(Clocks.inOslo(Instant.parse("2027-10-31T00:30:00Z"))));
        assertEquals("2027-10-31T02:30:00+01:00", IsoOffsetDateTimeSerializer.format(Clocks.inOslo(Instant.parse("2027-10-31T01:30:00Z"))));
    }

    record Stamped(@JsonSerialize(using = IsoOffsetDateTimeSerializer.class) OffsetDateTime at, OffsetDateTime plain) {
    }

    @Test
    void inJsonItReadsAsJacksonsOwn() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        OffsetDateTime t = OffsetDateTime.parse("2027-03-28T03:00:00.120+02:00");
        assertEquals("{\"at\":\"2027-03-28T03:00:00.12+02:00\",\"plain\":\"2027-03-28T03:00:00.12+02:00\"}",
                mapper.writeValueAsString(new Stamped(t, t)));
    }
}
