package no.katapult.booking.booking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import no.katapult.booking.caller.Caller;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads of bookings, always narrowed to what the caller may see. */
@ApplicationScoped
public class BookingQueries {

    /** Calendar feeds are not paginated; this bounds one feed. */
    public static final int MAX_FEED_EVENTS = 2000;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    /** sme: their organisation's bookings; centre-operator: their centre's; siva-admin: all. */
    public boolean mayView(Booking b) {
        if (caller.has(Caller.ADMIN)) {
            return true;
        }
        if (caller.has(Caller.OPERATOR) && b.centreCode.equals(caller.centreCode())) {
            return true;
        }
        return caller.has(Caller.SME) && b.orgNo.equals(caller.orgNo());
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
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT start_at, end_at, lower(period), upper(period) FROM booking "
                        + "WHERE facility_id = ?1 AND status IN ('REQUESTED', 'CONFIRMED') "
                        + "AND target && (CASE WHEN ?2 = 'FACILITY' THEN uuid_range(NULL, NULL) "
                        + "ELSE uuid_range(CAST(?3 AS uuid), CAST(?3 AS uuid), '[]') END) "
                        + "AND period && tstzrange(?4, ?5, '[)') ORDER BY start_at LIMIT 1")
                .setParameter(1, attempted.facilityId)
                .setParameter(2, attempted.resourceType.name())
                .setParameter(3, attempted.resourceId)
                .setParameter(4, attempted.start.minusMinutes(attempted.bufferMinutes))
                .setParameter(5, attempted.end.plusMinutes(attempted.bufferMinutes))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(Map.of("start", timestamp(r[0]), "end", timestamp(r[1]),
                "blockedStart", timestamp(r[2]), "blockedEnd", timestamp(r[3])));
    }

    /** Blocked (buffer-padded) periods of active bookings that hold the resource, overlapping [from, to). */
    public List<OffsetDateTime[]> blockedPeriods(UUID facilityId, ResourceType type, UUID resourceId,
                                                OffsetDateTime from, OffsetDateTime to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT lower(period), upper(period) FROM booking "
                        + "WHERE facility_id = ?1 AND status IN ('REQUESTED', 'CONFIRMED') "
                        + "AND target && (CASE WHEN ?2 = 'FACILITY' THEN uuid_range(NULL, NULL) "
                        + "ELSE uuid_range(CAST(?3 AS uuid), CAST(?3 AS uuid), '[]') END) "
                        + "AND period && tstzrange(?4, ?5, '[)') ORDER BY lower(period)")
                .setParameter(1, facilityId)
                .setParameter(2, type.name())
                .setParameter(3, resourceId)
                .setParameter(4, from)
                .setParameter(5, to)
                .getResultList();
        List<OffsetDateTime[]> result = new ArrayList<>();
        for (Object[] r : rows) {
            result.add(new OffsetDateTime[]{timestamp(r[0]), timestamp(r[1])});
        }
        return result;
    }

    private String where(BookingFilter filter, Map<String, Object> params) {
        List<String> visible = new ArrayList<>();
        if (caller.has(Caller.ADMIN)) {
            visible.add("1 = 1");
        }
        if (caller.has(Caller.OPERATOR) && caller.centreCode() != null) {
            visible.add("b.centreCode = :callerCentre");
            params.put("callerCentre", caller.centreCode());
        }
        if (caller.has(Caller.SME) && caller.orgNo() != null) {
            visible.add("b.orgNo = :callerOrg");
            params.put("callerOrg", caller.orgNo());
        }
        List<String> clauses = new ArrayList<>();
        clauses.add(visible.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", visible) + ")");
        if (filter.status() != null) {
            clauses.add("b.status = :status");
            params.put("status", filter.status());
        }
        if (filter.resourceId() != null) {
            clauses.add("b.resourceId = :resourceId");
            params.put("resourceId", filter.resourceId());
        }
        if (filter.centreCode() != null) {
            clauses.add("b.centreCode = :centreCode");
            params.put("centreCode", filter.centreCode());
        }
        // from/to select bookings that overlap [from, to).
        if (filter.from() != null) {
            clauses.add("b.end > :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            clauses.add("b.start < :to");
            params.put("to", filter.to());
        }
        return String.join(" AND ", clauses);
    }

    static OffsetDateTime timestamp(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toOffsetDateTime();
        }
        throw new IllegalStateException("Unexpected timestamp type " + (value == null ? "null" : value.getClass()));
    }
}
