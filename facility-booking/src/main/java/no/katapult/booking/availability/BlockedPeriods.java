package no.katapult.booking.availability;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.booking.BookingQueries;
import no.katapult.booking.config.BookingConfig;
import no.katapult.booking.rules.BookableResource;
import no.katapult.booking.rules.Interval;
import no.katapult.booking.rules.ResourceType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The blocked periods availability subtracts, kept in memory in week-long chunks of a resource's calendar. Every
 * read first asks the database for the calendar's version (V4__calendar_versions.sql), which each committed
 * change of a booking moves forward in its own transaction; a chunk kept under an older version is read again.
 * So an answer is never older than the last committed booking, on any replica, and an unchanged calendar costs
 * one indexed lookup instead of the blocked-periods query. The version is read before the periods: periods read
 * later are at least as new as it, and a booking that commits in between moves the version past the one they
 * are kept under, so they are read again at the next request.
 */
@ApplicationScoped
public class BlockedPeriods {

    static final Duration CHUNK = Duration.ofDays(7);
    private static final long CHUNK_SECONDS = CHUNK.toSeconds();

    private final BookingQueries queries;
    private final Cache<ChunkKey, Chunk> chunks;
    private final Counter fromMemory;
    private final Counter fromDatabase;

    @Inject
    BlockedPeriods(BookingQueries queries, BookingConfig config, MeterRegistry meters) {
        this(queries, config.availabilityCachePeriods(), meters);
    }

    BlockedPeriods(BookingQueries queries, long maximumPeriods, MeterRegistry meters) {
        this.queries = queries;
        // Upkeep on the calling thread: see RegistryClient.cache on Caffeine's default executor here.
        this.chunks = Caffeine.newBuilder()
                .maximumWeight(maximumPeriods)
                .weigher((ChunkKey key, Chunk chunk) -> 1 + chunk.size())
                .executor(Runnable::run)
                .build();
        this.fromMemory = chunks(meters, "memory");
        this.fromDatabase = chunks(meters, "database");
    }

    private static Counter chunks(MeterRegistry meters, String source) {
        return Counter.builder("booking.availability.chunks")
                .description("Week-long chunks of calendars that availability answered from, by where they came from")
                .tag("source", source).register(meters);
    }

    /**
     * The active bookings' buffered periods that overlap [from, to), of this resource's facility and of the
     * items it claims, as BookingQueries.blockedPeriods reads them; a period may come twice, which
     * Interval.subtract merges away.
     */
    public List<Interval> overlapping(BookableResource resource, Instant from, Instant to) {
        long version = queries.calendarVersion(resource);
        Calendar calendar = Calendar.of(resource);
        long first = chunkOf(from);
        long last = chunkOf(to.minusNanos(1));
        Chunk[] found = new Chunk[Math.toIntExact(last - first + 1)];
        long firstStale = Long.MAX_VALUE;
        long lastStale = Long.MIN_VALUE;
        for (long c = first; c <= last; c++) {
            Chunk chunk = chunks.getIfPresent(new ChunkKey(calendar, c));
            if (chunk != null && chunk.version() == version) {
                found[(int) (c - first)] = chunk;
            } else {
                firstStale = Math.min(firstStale, c);
                lastStale = c;
            }
        }
        fromMemory.increment(found.length - (firstStale == Long.MAX_VALUE ? 0 : lastStale - firstStale + 1));
        if (firstStale != Long.MAX_VALUE) {
            // One query for the stale run; the fresh chunks inside it are kept again with what it read.
            List<Interval> read = queries.blockedPeriods(resource, start(firstStale), start(lastStale + 1));
            for (long c = firstStale; c <= lastStale; c++) {
                Chunk chunk = Chunk.of(version, read, start(c), start(c + 1));
                chunks.put(new ChunkKey(calendar, c), chunk);
                found[(int) (c - first)] = chunk;
            }
            fromDatabase.increment(lastStale - firstStale + 1);
        }
        List<Interval> result = new ArrayList<>();
        for (Chunk chunk : found) {
            chunk.addOverlapping(from, to, result);
        }
        return result;
    }

    static long chunkOf(Instant t) {
        return Math.floorDiv(t.getEpochSecond(), CHUNK_SECONDS);
    }

    static Instant start(long chunk) {
        return Instant.ofEpochSecond(chunk * CHUNK_SECONDS);
    }

    /** What the blocked-periods query of a resource depends on, besides the bookings. */
    record Calendar(UUID facilityId, ResourceType type, UUID resourceId, List<UUID> claimedItems) {
        static Calendar of(BookableResource resource) {
            return new Calendar(resource.facility().id(), resource.type(), resource.resourceId(),
                    List.copyOf(resource.claimedItems()));
        }
    }

    record ChunkKey(Calendar calendar, long chunk) {
    }

    /**
     * The periods that overlap one chunk, as epoch microseconds (PostgreSQL's precision), start and end in turn:
     * 16 bytes a period instead of an Interval's 72.
     */
    record Chunk(long version, long[] micros) {

        static Chunk of(long version, List<Interval> periods, Instant from, Instant to) {
            long[] kept = new long[periods.size() * 2];
            int n = 0;
            for (Interval p : periods) {
                if (p.start().isBefore(to) && p.end().isAfter(from)) {
                    kept[n++] = micros(p.start());
                    kept[n++] = micros(p.end());
                }
            }
            return new Chunk(version, Arrays.copyOf(kept, n));
        }

        int size() {
            return micros.length / 2;
        }

        void addOverlapping(Instant from, Instant to, List<Interval> into) {
            // Rounded outwards, so that a request time finer than a microsecond compares as itself.
            long lower = micros(from);
            long upper = micros(to) + (to.getNano() % 1_000 == 0 ? 0 : 1);
            for (int i = 0; i < micros.length; i += 2) {
                if (micros[i] < upper && micros[i + 1] > lower) {
                    into.add(new Interval(instant(micros[i]), instant(micros[i + 1])));
                }
            }
        }

        private static long micros(Instant t) {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
        }

        private static Instant instant(long micros) {
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        }
    }
}
