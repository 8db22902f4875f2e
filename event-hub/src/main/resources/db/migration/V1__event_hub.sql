-- The event hub. Its log is common's outbox_event (db/common/V0_2__outbox.sql): ingestion appends the
-- producers' events there, keeping their ids and sequences, and common's sequencer gives them hub positions.

-- Feed filters: a partner reads events with a partner view, an sme its organisation's.
CREATE INDEX outbox_event_partner ON outbox_event (position) WHERE partner_data IS NOT NULL;
CREATE INDEX outbox_event_org ON outbox_event (org_no, position) WHERE org_no IS NOT NULL;

-- How far the hub has read each producer's feed. The row lock (SKIP LOCKED) lets one replica at a time
-- read a source; its events and the new cursor commit together, so nothing is lost or read twice.
CREATE TABLE source_cursor (
    source          varchar(100) PRIMARY KEY,
    last_position   bigint       NOT NULL DEFAULT 0 CHECK (last_position >= 0),
    last_success_at timestamptz,
    last_error      varchar(500)
);

-- How far fan-out has turned the log into deliveries; its row lock lets one replica at a time fan out.
CREATE TABLE fanout_cursor (
    id            integer PRIMARY KEY CHECK (id = 1),
    last_position bigint  NOT NULL
);
INSERT INTO fanout_cursor (id, last_position) VALUES (1, 0);

-- A partner's (or sme's, or siva-admin's) webhook. The owner's audience and organisation are recorded, so
-- that its deliveries carry what the owner may see.
CREATE TABLE subscription (
    id               uuid          PRIMARY KEY,
    owner_subject    varchar(255)  NOT NULL,
    audience         varchar(10)   NOT NULL CHECK (audience IN ('ADMIN', 'PARTNER', 'SME')),
    owner_org_no     varchar(9),
    url              varchar(2000) NOT NULL,
    -- Type prefixes; empty means every type the owner may see.
    types            text[]        NOT NULL,
    description      varchar(500),
    -- whsec_ + base64: the HMAC key of its signatures.
    secret           varchar(100)  NOT NULL,
    status           varchar(10)   NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    status_reason    varchar(300),
    disabled_at      timestamptz,
    -- Events after this log position are delivered (the fan-out cursor when it was created).
    start_position   bigint        NOT NULL,
    -- Failure bookkeeping of the disable policy, reset by a success.
    consecutive_dead integer       NOT NULL DEFAULT 0,
    failing_since    timestamptz,
    created_at       timestamptz   NOT NULL,
    version          bigint        NOT NULL DEFAULT 0,
    CHECK ((audience = 'SME') = (owner_org_no IS NOT NULL))
);
CREATE INDEX subscription_owner ON subscription (owner_subject, created_at);
CREATE INDEX subscription_active ON subscription (start_position) WHERE status = 'ACTIVE';

-- One event to send to one subscription. Ids grow in fan-out order (log order), which is the send order
-- of one subject's events: a delivery is due only when no earlier PENDING delivery of its subscription
-- and subject exists. A dispatcher leases due deliveries (leased_until, lease_token); a lease that is
-- never completed (a dispatcher died) expires and another dispatcher sends the same event again.
CREATE TABLE delivery (
    id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id uuid         NOT NULL REFERENCES subscription (id) ON DELETE CASCADE,
    -- No foreign key: the log's retention may remove an event first; the dispatcher then ends the delivery.
    event_id        uuid         NOT NULL,
    event_position  bigint       NOT NULL,
    event_type      varchar(200) NOT NULL,
    subject         varchar(300) NOT NULL,
    status          varchar(10)  NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD', 'CANCELLED')),
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL,
    leased_until    timestamptz,
    lease_token     uuid,
    created_at      timestamptz  NOT NULL,
    completed_at    timestamptz
);
CREATE INDEX delivery_due ON delivery (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX delivery_subject_pending ON delivery (subscription_id, subject, id) WHERE status = 'PENDING';
CREATE INDEX delivery_lease ON delivery (lease_token) WHERE lease_token IS NOT NULL;
CREATE INDEX delivery_completed ON delivery (completed_at) WHERE completed_at IS NOT NULL;
CREATE INDEX delivery_subscription_position ON delivery (subscription_id, event_position) WHERE status = 'PENDING';

-- The attempt log a subscriber reads: every HTTP attempt and its outcome.
CREATE TABLE delivery_attempt (
    id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id     bigint       NOT NULL REFERENCES delivery (id) ON DELETE CASCADE,
    subscription_id uuid         NOT NULL,
    event_id        uuid         NOT NULL,
    event_type      varchar(200) NOT NULL,
    attempt         integer      NOT NULL,
    attempted_at    timestamptz  NOT NULL,
    status_code     integer,
    latency_ms      integer      NOT NULL,
    outcome         varchar(10)  NOT NULL CHECK (outcome IN ('DELIVERED', 'RETRYING', 'DEAD', 'GONE')),
    next_retry_at   timestamptz,
    error           varchar(300)
);
CREATE INDEX delivery_attempt_subscription ON delivery_attempt (subscription_id, id DESC);
CREATE INDEX delivery_attempt_time ON delivery_attempt (attempted_at);
