-- Issue 12: availability keeps the blocked periods it has read in memory (availability/BlockedPeriods) and
-- asks the database each time only for the versions of the calendars it reads. Every committed change of a
-- booking moves the versions of its facility and of every item it claims forward, in the booking's own
-- transaction, so a cached answer is never older than the last committed booking, on any replica. Versions
-- only grow: their sum over a set of calendars changes whenever any one of them does.
CREATE TABLE calendar_version (
    -- A facility (booking.facility_id) or an equipment item (an element of booking.claimed_items).
    resource_id uuid   PRIMARY KEY,
    version     bigint NOT NULL
);

-- Statement-level, so a bulk change moves each calendar once, and in one sorted order, so that two
-- transactions moving the same calendars take the row locks in the same order and cannot deadlock.
CREATE FUNCTION booking_move_calendar_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- Only what availability reads: the buffered period, the target, the facility and whether it is active.
        INSERT INTO calendar_version AS v (resource_id, version)
        SELECT DISTINCT k, 1 FROM (
            SELECT o.facility_id AS k1, n.facility_id AS k2, o.claimed_items || n.claimed_items AS items
              FROM before_rows o JOIN changed_rows n ON n.id = o.id
             WHERE o.period IS DISTINCT FROM n.period OR o.target IS DISTINCT FROM n.target
                OR o.facility_id IS DISTINCT FROM n.facility_id OR o.status IS DISTINCT FROM n.status) c,
        LATERAL unnest(ARRAY[c.k1, c.k2] || c.items) AS k
        WHERE k IS NOT NULL ORDER BY k
        ON CONFLICT (resource_id) DO UPDATE SET version = v.version + 1;
    ELSE
        INSERT INTO calendar_version AS v (resource_id, version)
        SELECT DISTINCT k, 1 FROM changed_rows c, LATERAL unnest(ARRAY[c.facility_id] || c.claimed_items) AS k
        WHERE k IS NOT NULL ORDER BY k
        ON CONFLICT (resource_id) DO UPDATE SET version = v.version + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER booking_calendar_insert AFTER INSERT ON booking
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION booking_move_calendar_versions();
CREATE TRIGGER booking_calendar_update AFTER UPDATE ON booking
    REFERENCING OLD TABLE AS before_rows NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION booking_move_calendar_versions();
CREATE TRIGGER booking_calendar_delete AFTER DELETE ON booking
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION booking_move_calendar_versions();

-- TRUNCATE names no rows: every calendar moves.
CREATE FUNCTION booking_truncated_move_calendar_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE calendar_version SET version = version + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER booking_calendar_truncate AFTER TRUNCATE ON booking
    FOR EACH STATEMENT EXECUTE FUNCTION booking_truncated_move_calendar_versions();
