package no.katapult.booking.availability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.booking.config.BookingConfig;
import no.katapult.booking.registry.RegistryClient;
import no.katapult.booking.rules.BookableResource;
import no.katapult.booking.rules.BookingPolicy;
import no.katapult.booking.rules.Interval;
import no.katapult.booking.rules.OpeningCalendar;
import no.katapult.booking.rules.ResourceType;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.time.Clocks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Free time of a resource: opening hours, minus closures, minus active bookings padded so that a new
 * booking's own buffer would not touch theirs, from the lead time on, starting before the horizon. The
 * bookings are those a new booking would collide with in the database: of the facility, and those that
 * claim the item, or any item the facility holds now, wherever it was when they were made.
 */
@ApplicationScoped
public class AvailabilityService {

    @Inject
    RegistryClient registry;

    @Inject
    BlockedPeriods blockedPeriods;

    @Inject
    BookingConfig config;

    @Inject
    Clock clock;

    public AvailabilityView availability(ResourceType type, UUID resourceId, OffsetDateTime from, OffsetDateTime to) {
        if (!to.isAfter(from)) {
            throw ProblemException.badRequest("to", "must be after from");
        }
        int maxWindowDays = config.availabilityMaxWindowDays();
        if (Duration.between(from, to).compareTo(Duration.ofDays(maxWindowDays)) > 0) {
            throw ProblemException.badRequest("to", "the window may be at most " + maxWindowDays + " days");
        }
        BookableResource resource = registry.resource(type, resourceId)
                .orElseThrow(() -> ProblemException.notFound("catapult-registry has no "
                        + type.name().toLowerCase() + " " + resourceId));
        List<Interval> free = resource.bookable() && resource.active()
                ? free(resource, from.toInstant(), to.toInstant()) : List.of();
        List<AvailabilityView.FreeInterval> intervals = free.stream()
                .map(i -> new AvailabilityView.FreeInterval(Clocks.inOslo(i.start()), Clocks.inOslo(i.end())))
                .toList();
        return new AvailabilityView(type, resourceId, Clocks.inOslo(from.toInstant()), Clocks.inOslo(to.toInstant()), intervals);
    }

    private List<Interval> free(BookableResource resource, Instant from, Instant to) {
        BookingPolicy policy = new BookingPolicy(resource);
        OpeningCalendar calendar = policy.calendar();
        Instant now = clock.instant();
        Instant lower = policy.firstSlotFrom(max(from, now.plus(policy.leadTime())));
        Instant horizon = policy.horizonEnd(now);
        Instant upper = to;
        if (!upper.isAfter(lower) || (horizon != null && !horizon.isAfter(lower))) {
            return List.of();
        }
        List<Interval> open = Interval.clip(calendar.openIntervals(lower, upper), lower, upper);
        List<Interval> closed = calendar.closures(lower, upper);

        // A new booking [s, e) is blocked as [s - b, e + b); it fits next to an existing blocked
        // period [x, y) exactly when [s, e) stays out of [x - b, y + b).
        Duration buffer = Duration.ofMinutes(policy.bufferMinutes());
        List<Interval> unavailable = new ArrayList<>(closed);
        for (Interval blocked : blockedPeriods.overlapping(resource, lower.minus(buffer), upper.plus(buffer))) {
            unavailable.add(new Interval(blocked.start().minus(buffer), blocked.end().plus(buffer)));
        }
        // The horizon limits when a booking may start: an interval that begins before it stays whole.
        return Interval.subtract(open, unavailable).stream()
                .filter(i -> horizon == null || i.start().isBefore(horizon))
                .toList();
    }


    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
