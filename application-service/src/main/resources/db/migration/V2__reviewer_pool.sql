-- The reviewer pool: people siva-admin has vetted as reviewers, by their username in the realm, so that they can
-- be assigned before they first sign in. `organisations` are where the reviewer works, `conflicts` further
-- organisations siva-admin knows they must not assess; the conflict-of-interest check uses both.
CREATE TABLE reviewer (
    username      varchar(200)   PRIMARY KEY,
    name          varchar(200)   NOT NULL,
    email         varchar(320)   NOT NULL,
    locale        varchar(35),
    organisations varchar(9)[]   NOT NULL DEFAULT '{}',
    expertise     varchar(200)[] NOT NULL DEFAULT '{}',
    conflicts     varchar(9)[]   NOT NULL DEFAULT '{}',
    updated_by    varchar(200)   NOT NULL,
    version       bigint         NOT NULL DEFAULT 0,
    created_at    timestamptz    NOT NULL DEFAULT now(),
    updated_at    timestamptz    NOT NULL DEFAULT now(),
    CONSTRAINT reviewer_list_sizes CHECK (cardinality(organisations) <= 20 AND cardinality(expertise) <= 20
        AND cardinality(conflicts) <= 100)
);

-- Conflicts of interest a reviewer declared themselves (PUT /api/v1/reviewers/me/conflicts). Kept by username,
-- whether or not the reviewer is in the pool, and kept when siva-admin removes them from it: it is their word.
CREATE TABLE reviewer_declaration (
    username   varchar(200) PRIMARY KEY,
    conflicts  varchar(9)[] NOT NULL DEFAULT '{}',
    version    bigint       NOT NULL DEFAULT 0,
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT reviewer_declaration_size CHECK (cardinality(conflicts) <= 100)
);

-- The e-mail address and locale of each reviewer's most recent token, recorded as their org_no is: the
-- reviewers-assigned event carries them when the pool has no address or locale for the reviewer.
CREATE TABLE reviewer_token_contact (
    username varchar(200) PRIMARY KEY,
    email    varchar(320),
    locale   varchar(35),
    seen_at  timestamptz  NOT NULL
);
