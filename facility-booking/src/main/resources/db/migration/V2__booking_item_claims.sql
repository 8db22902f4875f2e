-- Issue 11: the booking guarantee across registry changes (docs/architecture.md, "Bookings and registry
-- changes"). booking_no_overlap compares the facility_id copied onto each booking, so once an item moves
-- to another facility it no longer sees the item's earlier bookings. Each booking therefore also claims
-- the equipment items it books, as the registry knew them when it was made: an item booking its item, a
-- facility booking every active item then in the facility. No two active claims of one item overlap.

-- Fixed when the booking is made; registry changes never rewrite it.
ALTER TABLE booking ADD COLUMN claimed_items uuid[] NOT NULL DEFAULT '{}';

-- Derived from booking by the trigger below; never written by the application.
CREATE TABLE booking_item_claim (
    booking_id uuid      NOT NULL REFERENCES booking (id) ON DELETE CASCADE,
    item_id    uuid      NOT NULL,
    -- The booking's buffered period (booking.period).
    period     tstzrange NOT NULL,
    -- Whether the booking is REQUESTED or CONFIRMED.
    active     boolean   NOT NULL,
    PRIMARY KEY (booking_id, item_id),
    CONSTRAINT booking_item_claim_no_overlap EXCLUDE USING gist (
        item_id WITH =,
        period WITH &&
    ) WHERE (active)
);

-- An item booking always claims its item, whoever writes the row.
CREATE OR REPLACE FUNCTION booking_derive_ranges() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.target := CASE WHEN NEW.resource_type = 'FACILITY' THEN uuid_range(NULL, NULL)
                       ELSE uuid_range(NEW.resource_id, NEW.resource_id, '[]') END;
    NEW.period := tstzrange(NEW.start_at - make_interval(mins => NEW.buffer_minutes),
                            NEW.end_at + make_interval(mins => NEW.buffer_minutes), '[)');
    IF NEW.resource_type = 'EQUIPMENT' THEN
        NEW.claimed_items := ARRAY[NEW.resource_id];
    END IF;
    RETURN NEW;
END
$$;

-- Existing bookings: an item booking claims its item. Which items a facility held when it was booked is
-- not recorded, so earlier facility bookings claim none (booking_no_overlap still guards their facility).
UPDATE booking SET claimed_items = ARRAY[resource_id] WHERE resource_type = 'EQUIPMENT';

-- Claims of existing bookings, oldest first. Should the hole of issue 11 already have let an item be
-- booked twice, the later booking's claim is stored inactive and named in a warning instead of failing
-- the migration: both bookings stay, and an operator decides which one to cancel.
DO $$
DECLARE
    b record;
BEGIN
    FOR b IN SELECT id, item, period, status FROM booking, unnest(claimed_items) AS item
             WHERE item IS NOT NULL ORDER BY created_at, id LOOP
        BEGIN
            INSERT INTO booking_item_claim (booking_id, item_id, period, active)
            VALUES (b.id, b.item, b.period, b.status IN ('REQUESTED', 'CONFIRMED'));
        EXCEPTION WHEN exclusion_violation THEN
            RAISE WARNING 'Booking % overlaps an earlier booking of item %; its claim is stored inactive', b.id, b.item;
            INSERT INTO booking_item_claim (booking_id, item_id, period, active) VALUES (b.id, b.item, b.period, false);
        END;
    END LOOP;
END
$$;

-- Keeps the claims in step with their booking. Runs after the row is written, so it sees the derived
-- period; a claim that collides fails the booking's own INSERT with 23P01, as booking_no_overlap does.
CREATE FUNCTION booking_sync_claims() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    now_active boolean := NEW.status IN ('REQUESTED', 'CONFIRMED');
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO booking_item_claim (booking_id, item_id, period, active)
        SELECT DISTINCT NEW.id, item, NEW.period, now_active FROM unnest(NEW.claimed_items) AS item
        WHERE item IS NOT NULL;
        RETURN NULL;
    END IF;
    IF NEW.claimed_items IS DISTINCT FROM OLD.claimed_items THEN
        RAISE EXCEPTION 'The items a booking claims are fixed when it is made (booking %)', NEW.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    -- Leaving REQUESTED/CONFIRMED releases the claims; REQUESTED -> CONFIRMED leaves them as they are.
    IF now_active IS DISTINCT FROM (OLD.status IN ('REQUESTED', 'CONFIRMED')) THEN
        UPDATE booking_item_claim SET active = now_active WHERE booking_id = NEW.id;
    END IF;
    IF NEW.period IS DISTINCT FROM OLD.period THEN
        UPDATE booking_item_claim SET period = NEW.period WHERE booking_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER booking_sync_claims
    AFTER INSERT OR UPDATE ON booking
    FOR EACH ROW EXECUTE FUNCTION booking_sync_claims();
