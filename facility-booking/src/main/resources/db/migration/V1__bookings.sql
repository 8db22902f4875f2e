-- btree_gist lets one exclusion constraint mix "=" on a uuid with "&&" on ranges.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- A range over uuids expresses what a booking blocks inside its facility: the unbounded range
-- for the whole facility (and so every item in it), the single point [id,id] for one item.
CREATE TYPE uuid_range AS RANGE (subtype = uuid);

CREATE TABLE booking (
    id                             uuid         PRIMARY KEY,
    resource_type                  varchar(10)  NOT NULL CHECK (resource_type IN ('FACILITY', 'EQUIPMENT')),
    resource_id                    uuid         NOT NULL,
    resource_name                  varchar(300) NOT NULL,
    facility_id                    uuid         NOT NULL,
    facility_name                  varchar(300) NOT NULL,
    centre_code                    varchar(100) NOT NULL,
    location                       varchar(500),
    org_no                         varchar(9)   NOT NULL,
    booked_by                      varchar(200) NOT NULL,
    start_at                       timestamptz  NOT NULL,
    end_at                         timestamptz  NOT NULL,
    purpose                        varchar(2000) NOT NULL,
    status                         varchar(10)  NOT NULL CHECK (status IN ('REQUESTED', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
    status_reason                  varchar(2000),
    late_cancellation              boolean      NOT NULL DEFAULT false,
    -- Snapshots of the registry's rules at booking time: reads and cancellations never need the registry.
    buffer_minutes                 integer      NOT NULL CHECK (buffer_minutes >= 0),
    free_cancellation_notice_hours integer      NOT NULL CHECK (free_cancellation_notice_hours >= 0),
    price_basis                    varchar(10)  NOT NULL CHECK (price_basis IN ('SME', 'STANDARD')),
    hourly_price                   numeric(15, 2) NOT NULL,
    total_price                    numeric(15, 2) NOT NULL,
    standard_total                 numeric(15, 2) NOT NULL,
    aid_amount                     numeric(15, 2) NOT NULL CHECK (aid_amount >= 0),
    currency                       varchar(3)   NOT NULL DEFAULT 'NOK',
    -- Derived by the trigger below; never written by the application.
    target                         uuid_range   NOT NULL,
    period                         tstzrange    NOT NULL,
    version                        bigint       NOT NULL DEFAULT 0,
    created_at                     timestamptz  NOT NULL,
    updated_at                     timestamptz  NOT NULL,
    CONSTRAINT booking_period_ordered CHECK (end_at > start_at),
    -- The one rule against double bookings, enforced by PostgreSQL under any concurrency:
    -- within a facility, active bookings whose targets and buffered periods overlap exclude each other.
    CONSTRAINT booking_no_overlap EXCLUDE USING gist (
        facility_id WITH =,
        target WITH &&,
        period WITH &&
    ) WHERE (status IN ('REQUESTED', 'CONFIRMED'))
);

-- timestamptz +/- interval is only STABLE, so the buffered period cannot be a generated column.
CREATE FUNCTION booking_derive_ranges() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.target := CASE WHEN NEW.resource_type = 'FACILITY' THEN uuid_range(NULL, NULL)
                       ELSE uuid_range(NEW.resource_id, NEW.resource_id, '[]') END;
    NEW.period := tstzrange(NEW.start_at - make_interval(mins => NEW.buffer_minutes),
                            NEW.end_at + make_interval(mins => NEW.buffer_minutes), '[)');
    RETURN NEW;
END
$$;

CREATE TRIGGER booking_derive_ranges
    BEFORE INSERT OR UPDATE ON booking
    FOR EACH ROW EXECUTE FUNCTION booking_derive_ranges();

CREATE INDEX booking_org_created ON booking (org_no, created_at);
CREATE INDEX booking_centre_start ON booking (centre_code, start_at);
CREATE INDEX booking_start ON booking (start_at, id);
CREATE INDEX booking_resource ON booking (resource_id);

