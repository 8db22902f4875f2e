package no.katapult.booking;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import no.katapult.booking.rules.BookableResource;
import no.katapult.booking.rules.Interval;
import no.katapult.booking.rules.ResourceType;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.security.Caller;
import no.katapult.common.security.Roles;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads of bookings, always narrowed to what the caller may see. */
@ApplicationScoped
public class BookingQueries {

    /** Calendar feeds are not paginated; this bounds one feed. */
    public static final int MAX_FEED_EVENTS = 2000;

    /**
     * The active bookings that a booking of this resource for the buffered period [from, to) would collide
     * with, by the two rules PostgreSQL enforces: booking_no_overlap (same facility, overlapping targets)
     * and booking_item_claim (one of the items it would claim is claimed already). The second finds the
     * bookings an item received before it moved here, and those of a facility it has left.
     */
    private static final String COLLISIONS = """
            SELECT b.start_at, b.end_at, lower(b.period), upper(b.period) FROM booking b
             WHERE b.facility_id = ?1 AND b.status IN ('REQUESTED', 'CONFIRMED')
               AND b.target && (CASE WHEN ?2 = 'FACILITY' THEN uuid_range(NULL, NULL)
                                ELSE uuid_range(CAST(?3 AS uuid), CAST(?3 AS uuid), '[]') END)
               AND b.period && tstzrange(?4, ?5, '[)')
            UNION
            SELECT b.start_at, b.end_at, lower(b.period), upper(b.period)
              FROM unnest(CAST(?6 AS uuid[])) AS claimed(item)
              JOIN booking_item_claim c ON c.item_id = claimed.item AND c.active
                                       AND c.period && tstzrange(?4, ?5, '[)')
              JOIN booking b ON b.id = c.booking_id
            ORDER BY 3, 1""";

    /**
     * The blocked periods of the same collisions, for availability: only the periods, read from the claims
     * themselves (the trigger keeps a claim's period and active flag those of its booking), with UNION ALL.
     * A booking found twice (through the facility and a claim, or two claims) is a duplicate hole, which
     * Interval.subtract merges away, so PostgreSQL need not sort and deduplicate some 400 rows per window.
     * Plain JDBC parameters: facility, type, resource, resource, from, to, items, from, to.
     */
    private static final String BLOCKED = """
            SELECT lower(b.period), upper(b.period) FROM booking b
             WHERE b.facility_id = ? AND b.status IN ('REQUESTED', 'CONFIRMED')
               AND b.target && (CASE WHEN ? = 'FACILITY' THEN uuid_range(NULL, NULL)
                                ELSE uuid_range(CAST(? AS uuid), CAST(? AS uuid), '[]') END)
               AND b.period && tstzrange(?, ?, '[)')
            UNION ALL
            SELECT lower(c.period), upper(c.period)
              FROM unnest(CAST(? AS uuid[])) AS claimed(item)
              JOIN booking_item_claim c ON c.item_id = claimed.item AND c.active
                                       AND c.period && tstzrange(?, ?, '[)')""";

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Caller caller;

    /** sme: their organisation's bookings; centre-operator: their centre's; siva-admin: all. */
    public boolean mayView(Booking b) {
        return caller.staffs(b.centreCode) || (caller.has(Roles.SME) && caller.orgNo().filter(b.orgNo::equals).isPresent());
    }

    public PageResponse<Booking> page(BookingFilter filter, PageRequest page) {
        Map<String, Object> params = new HashMap<>();
        String where = where(filter, params);
        TypedQuery<Long> count = em.createQuery("SELECT count(b) FROM Booking b WHERE " + where, Long.class);
        TypedQuery<Booking> select = em.createQuery("FROM Booking b WHERE " + where + " ORDER BY b.start, b.id",
                Booking.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        List<Booking> items = select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return PageResponse.of(items, page, count.getSingleResult());
    }

    public List<Booking> feed(BookingFilter filter) {
        Map<String, Object> params = new HashMap<>();
        TypedQuery<Booking> select = em.createQuery("FROM Booking b WHERE " + where(filter, params)
                + " ORDER BY b.start, b.id", Booking.class);
        params.forEach(select::setParameter);
        return select.setMaxResults(MAX_FEED_EVENTS).getResultList();
    }

    /** The active booking whose buffered period collides with {@code attempted}, if it still exists. */
    public Optional<Map<String, OffsetDateTime>> conflicting(Booking attempted) {
        List<Object[]> rows = collisions(attempted.facilityId, attempted.resourceType, attempted.resourceId,
                Arrays.asList(attempted.claimedItems), attempted.start.minusMinutes(attempted.bufferMinutes),
                attempted.end.plusMinutes(attempted.bufferMinutes), 1);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(Map.of("start", timestamp(r[0]), "end", timestamp(r[1]),
                "blockedStart", timestamp(r[2]), "blockedEnd", timestamp(r[3])));
    }

    /**
     * Blocked (buffer-padded) periods, overlapping [from, to), of the active bookings that a booking of the
     * resource made now would collide with: those of its facility that hold it, and those that claim any of
     * the items it would claim; in no order, and a period may come more than once. Plain JDBC: this read
     * runs on every availability request, and Hibernate's native-query path cost as much CPU as the query.
     */
    public List<Interval> blockedPeriods(BookableResource resource, Instant from, Instant to) {
        OffsetDateTime lower = from.atOffset(ZoneOffset.UTC);
        OffsetDateTime upper = to.atOffset(ZoneOffset.UTC);
        List<Interval> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(BLOCKED)) {
            select.setObject(1, resource.facility().id());
            select.setString(2, resource.type().name());
            select.setString(3, resource.resourceId().toString());
            select.setString(4, resource.resourceId().toString());
            select.setObject(5, lower);
            select.setObject(6, upper);
            select.setArray(7, connection.createArrayOf("uuid", resource.claimedItems().toArray()));
            select.setObject(8, lower);
            select.setObject(9, upper);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    result.add(new Interval(rows.getObject(1, OffsetDateTime.class).toInstant(),
                            rows.getObject(2, OffsetDateTime.class).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("Reading the blocked periods failed", e);
        }
        return result;
    }

    /**
     * The sum of the calendar versions (V4) of this resource's facility and of every item it claims: it grows
     * with every committed change of a booking that availability would read for it.
     */
    public long calendarVersion(BookableResource resource) {
        List<UUID> keys = new ArrayList<>(resource.claimedItems());
        keys.add(resource.facility().id());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT coalesce(sum(version), 0) FROM calendar_version WHERE resource_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("uuid", keys.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new PersistenceException("Reading the calendar versions failed", e);
        }
    }

    private List<Object[]> collisions(UUID facilityId, ResourceType type, UUID resourceId, Collection<UUID> items,
                                      OffsetDateTime from, OffsetDateTime to, int limit) {
        Query query = em.createNativeQuery(COLLISIONS)
                .setParameter(1, facilityId)
                .setParameter(2, type.name())
                .setParameter(3, resourceId)
                .setParameter(4, from)
                .setParameter(5, to)
                .setParameter(6, items.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}")));
        if (limit > 0) {
            query.setMaxResults(limit);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows;
    }

    private String where(BookingFilter filter, Map<String, Object> params) {
        List<String> visible = new ArrayList<>();
        if (caller.isAdmin()) {
            visible.add("1 = 1");
        }
        if (caller.has(Roles.OPERATOR) && caller.centreCode().isPresent()) {
            visible.add("b.centreCode = :callerCentre");
            params.put("callerCentre", caller.centreCode().get());
        }
        if (caller.has(Roles.SME) && caller.orgNo().isPresent()) {
            visible.add("b.orgNo = :callerOrg");
            params.put("callerOrg", caller.orgNo().get());
        }
        List<String> clauses = new ArrayList<>();
        clauses.add(visible.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", visible) + ")");
        and(clauses, params, "b.status = :status", "status", filter.status());
        and(clauses, params, "b.resourceId = :resourceId", "resourceId", filter.resourceId());
        and(clauses, params, "b.centreCode = :centreCode", "centreCode", filter.centreCode());
        // from/to select bookings that overlap [from, to).
        and(clauses, params, "b.end > :from", "from", filter.from());
        and(clauses, params, "b.start < :to", "to", filter.to());
        return String.join(" AND ", clauses);
    }

    /** A filter left out (null) selects everything. */
    private static void and(List<String> clauses, Map<String, Object> params, String clause, String name, Object value) {
        if (value != null) {
            clauses.add(clause);
            params.put(name, value);
        }
    }

    static OffsetDateTime timestamp(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof ZonedDateTime z) {
            return z.toOffsetDateTime();
        }
        throw new IllegalStateException("Unexpected timestamp type " + (value == null ? "null" : value.getClass()));
    }
}
