-- The transactional outbox of no.katapult.common.events: events are inserted in the transaction of the
-- change they describe; OutboxSequencer gives committed ones their feed positions.
CREATE TABLE IF NOT EXISTS outbox_event (
    id            uuid         PRIMARY KEY,
    -- Insertion order: one subject's events are inserted in sequence order (see outbox_subject).
    insert_order  bigint       GENERATED ALWAYS AS IDENTITY,
    -- The place in this producer's feed: set after commit, in insertion order, by one sequencer at a time.
    position      bigint       UNIQUE,
    source        varchar(100) NOT NULL,
    type          varchar(200) NOT NULL,
    subject       varchar(300) NOT NULL,
    sequence      bigint       NOT NULL CHECK (sequence > 0),
    occurred_at   timestamptz  NOT NULL,
    org_no        varchar(9),
    data          jsonb        NOT NULL,
    partner_data  jsonb,
    UNIQUE (subject, sequence)
);
CREATE INDEX IF NOT EXISTS outbox_event_unpositioned ON outbox_event (insert_order) WHERE position IS NULL;
CREATE INDEX IF NOT EXISTS outbox_event_occurred ON outbox_event (occurred_at);

-- The last sequence number of each subject; its row lock, held until commit, orders one subject's events.
CREATE TABLE IF NOT EXISTS outbox_subject (
    subject       varchar(300) PRIMARY KEY,
    last_sequence bigint       NOT NULL
);

-- The last position handed out; its row lock lets one sequencer run at a time.
CREATE TABLE IF NOT EXISTS outbox_state (
    id            integer PRIMARY KEY CHECK (id = 1),
    last_position bigint  NOT NULL
);
INSERT INTO outbox_state (id, last_position) VALUES (1, 0) ON CONFLICT DO NOTHING;
