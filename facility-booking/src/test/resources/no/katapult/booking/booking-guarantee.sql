-- The booking guarantee over the whole database, recomputed from the booking rows (start, end, buffer, claimed
-- items), not from the trigger's derived columns. Each check is a blank-line-separated block: its first line
-- says what the rows it finds are, and every row is a breach. Read by facility-booking's BookingGuarantee and by
-- the e2e drills' BookingGuarantee (from this file in the repository), so that both check the same thing.

-- active bookings of one facility that overlap
WITH active AS (SELECT id, facility_id, resource_type, resource_id, claimed_items,
                       tstzrange(start_at - make_interval(mins => buffer_minutes),
                                 end_at + make_interval(mins => buffer_minutes), '[)') AS blocked
                  FROM booking WHERE status IN ('REQUESTED', 'CONFIRMED'))
SELECT a.id || ' & ' || b.id FROM active a JOIN active b
    ON a.id < b.id AND a.facility_id = b.facility_id
   AND (a.resource_type = 'FACILITY' OR b.resource_type = 'FACILITY' OR a.resource_id = b.resource_id)
   AND a.blocked && b.blocked

-- active bookings that claim one item for overlapping periods
WITH active AS (SELECT id, claimed_items,
                       tstzrange(start_at - make_interval(mins => buffer_minutes),
                                 end_at + make_interval(mins => buffer_minutes), '[)') AS blocked
                  FROM booking WHERE status IN ('REQUESTED', 'CONFIRMED')),
     claims AS (SELECT id, item, blocked FROM active, unnest(claimed_items) AS item)
SELECT a.id || ' & ' || b.id || ' on item ' || a.item FROM claims a JOIN claims b
    ON a.item = b.item AND a.id < b.id AND a.blocked && b.blocked

-- item bookings that do not claim their item
SELECT id::text FROM booking WHERE resource_type = 'EQUIPMENT' AND claimed_items <> ARRAY[resource_id]

-- active rows of booking_item_claim that overlap
SELECT a.booking_id || ' & ' || b.booking_id || ' on item ' || a.item_id
  FROM booking_item_claim a JOIN booking_item_claim b
    ON a.item_id = b.item_id AND a.booking_id < b.booking_id AND a.period && b.period
 WHERE a.active AND b.active

-- booking_item_claim out of step with the bookings (active claims no active booking makes, or claims missing)
WITH expected AS (SELECT id AS booking_id, item AS item_id, period FROM booking, unnest(claimed_items) AS item
                   WHERE status IN ('REQUESTED', 'CONFIRMED')),
     actual AS (SELECT booking_id, item_id, period FROM booking_item_claim WHERE active)
SELECT booking_id || ' item ' || item_id FROM (
    (SELECT * FROM expected EXCEPT SELECT * FROM actual)
    UNION ALL
    (SELECT * FROM actual EXCEPT SELECT * FROM expected)) AS difference
