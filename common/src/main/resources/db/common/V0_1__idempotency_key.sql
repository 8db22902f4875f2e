-- Idempotency-Keys of no.katapult.common.idempotency.IdempotencyStore, in every service that takes them.
-- Common's migrations run from db/common next to each service's db/migration; their versions (0.x) are
-- their own, so a service sets quarkus.flyway.out-of-order=true to take a later one of them.
CREATE TABLE IF NOT EXISTS idempotency_key (
    scope        varchar(300) NOT NULL,
    key          varchar(200) NOT NULL,
    request_hash varchar(64)  NOT NULL,
    status       integer,
    body         text,
    location     text,
    etag         text,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
CREATE INDEX IF NOT EXISTS idempotency_key_created ON idempotency_key (created_at);
