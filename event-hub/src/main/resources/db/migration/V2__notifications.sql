-- E-mail notifications (issue 14): the notifier reads the hub's log after its cursor and writes one
-- notification per (event, recipient); senders lease due notifications and send them over SMTP.

-- How far the notifier has read the log; its row lock (SKIP LOCKED) lets one replica at a time read it.
-- It starts at the log's head: a hub that gains notifications does not mail about its past.
CREATE TABLE notification_cursor (
    id            integer PRIMARY KEY CHECK (id = 1),
    last_position bigint  NOT NULL
);
INSERT INTO notification_cursor (id, last_position)
VALUES (1, COALESCE((SELECT last_position FROM outbox_state WHERE id = 1), 0));

-- Contact persons of organisations, from no.katapult.organisation.updated events as the notifier reads them
-- (the partners of a decided application are told through them).
CREATE TABLE organisation_contact (
    org_no     varchar(9)   PRIMARY KEY,
    name       varchar(200),
    email      varchar(320) NOT NULL,
    updated_at timestamptz  NOT NULL
);

-- Centres' contact e-mails, from no.katapult.centre.* events: where a requested booking is announced when
-- the directory names no operator of the centre.
CREATE TABLE centre_contact (
    centre_id  uuid         PRIMARY KEY,
    code       varchar(100) NOT NULL,
    name       varchar(300),
    email      varchar(320),
    updated_at timestamptz  NOT NULL
);
CREATE INDEX centre_contact_code ON centre_contact (code, updated_at DESC);

-- One mail about one event to one address: never two (the unique key; the notifier inserts with ON CONFLICT
-- DO NOTHING). Rendered when sent, from the event in the log, in the recipient's language. A sender leases
-- due mails (leased_until, lease_token); a lease that is never completed (a sender died) runs out and another
-- sender sends the mail again, with the same Message-ID, so that the rare resend is recognisable.
CREATE TABLE notification (
    id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- No foreign key: retention may remove the event first; the sender then ends the notification.
    event_id        uuid         NOT NULL,
    event_position  bigint       NOT NULL,
    event_type      varchar(200) NOT NULL,
    recipient       varchar(320) NOT NULL,
    kind            varchar(40)  NOT NULL,
    language        varchar(2)   NOT NULL CHECK (language IN ('nb', 'en')),
    message_id      varchar(300) NOT NULL,
    status          varchar(10)  NOT NULL CHECK (status IN ('PENDING', 'SENT', 'DEAD')),
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL,
    leased_until    timestamptz,
    lease_token     uuid,
    last_error      varchar(500),
    created_at      timestamptz  NOT NULL,
    completed_at    timestamptz,
    UNIQUE (event_id, recipient)
);
CREATE INDEX notification_due ON notification (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX notification_lease ON notification (lease_token) WHERE lease_token IS NOT NULL;
CREATE INDEX notification_completed ON notification (completed_at) WHERE completed_at IS NOT NULL;

-- Every SMTP attempt and what came of it.
CREATE TABLE notification_attempt (
    id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notification_id bigint       NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
    attempt         integer      NOT NULL,
    attempted_at    timestamptz  NOT NULL,
    outcome         varchar(10)  NOT NULL CHECK (outcome IN ('SENT', 'RETRYING', 'DEAD')),
    error           varchar(500)
);
CREATE INDEX notification_attempt_notification ON notification_attempt (notification_id, attempt);
