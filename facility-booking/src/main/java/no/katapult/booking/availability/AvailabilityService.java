package no.katapult.booking.availability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.booking.booking.BookingPolicy;
import no.katapult.booking.booking.BookingQueries;
import no.katapult.booking.booking.ResourceType;
import no.katapult.booking.registry.BookableResource;
import no.katapult.booking.registry.Registry;
import no.katapult.booking.time.Clocks;
import no.katapult.common.problem.ProblemException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Free time of a resource: opening hours, minus closures, minus active bookings padded so that a new
 * booking's own buffer would not touch theirs, from the lead time on, starting before the horizon.
 */
@ApplicationScoped
public class AvailabilityService {

    @Inject
    Registry registry;

    @Inject
    BookingQueries queries;

    @Inject
    Clock clock;

    @ConfigProperty(name = "booking.availability.max-window-days", defaultValue = "31")
    int maxWindowDays;

    public AvailabilityView availability(ResourceType type, UUID resourceId, OffsetDateTime from, OffsetDateTime to) {
        if (!to.isAfter(from)) {
            throw ProblemException.badRequest("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(maxWindowDays)) > 0) {
            throw ProblemException.badRequest("to", "the window may be at most " + maxWindowDays + " days");
        }
        BookableResource resource = registry.resource(type, resourceId)
                .orElseThrow(() -> ProblemException.notFound("catapult-registry has no "
                        + type.name().toLowerCase() + " " + resourceId));
        List<Interval> free = resource.bookable() && resource.active()
                ? free(resource, from.toInstant(), to.toInstant()) : List.of();
        List<AvailabilityView.FreeInterval> intervals = free.stream()
                .map(i -> new AvailabilityView.FreeInterval(oslo(i.start()), oslo(i.end())))
                .toList();
        return new AvailabilityView(type, resourceId, oslo(from.toInstant()), oslo(to.toInstant()), intervals);
    }

    private List<Interval> free(BookableResource resource, Instant from, Instant to) {
        BookingPolicy policy = new BookingPolicy(resource);
        OpeningCalendar calendar = new OpeningCalendar(resource.facility());
        Instant now = clock.instant();
        Instant lower = alignUp(calendar, max(from, now.plus(policy.leadTime())), policy.granularityMinutes());
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
        List<Interval> busy = new ArrayList<>();
        for (OffsetDateTime[] blocked : queries.blockedPeriods(resource.facility().id(), resource.type(),
                resource.resourceId(), lower.minus(buffer).atOffset(ZoneOffset.UTC),
                upper.plus(buffer).atOffset(ZoneOffset.UTC))) {
            busy.add(new Interval(blocked[0].toInstant().minus(buffer), blocked[1].toInstant().plus(buffer)));
        }
        List<Interval> unavailable = new ArrayList<>(closed);
        unavailable.addAll(busy);
        // The horizon limits when a booking may start: an interval that begins before it stays whole.
        return Interval.subtract(open, unavailable).stream()
                .filter(i -> horizon == null || i.start().isBefore(horizon))
                .toList();
    }

    /** The lead-time cut lands on the slot grid of its opening interval, so a free interval starts bookable. */
    private static Instant alignUp(OpeningCalendar calendar, Instant t, int granularityMinutes) {
        return calendar.dailyIntervalContaining(t).map(day -> {
            long step = granularityMinutes * 60L;
            long offset = Duration.between(day.start(), t).toSeconds();
            long steps = (offset + step - 1) / step;
            Instant aligned = day.start().plusSeconds(steps * step);
            return aligned.isBefore(t) ? t : aligned;
        }).orElse(t);
    }

    private static OffsetDateTime oslo(Instant t) {
        return t.atZone(Clocks.OSLO).toOffsetDateTime();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

}
