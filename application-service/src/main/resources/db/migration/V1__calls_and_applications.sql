-- Funding calls. The state (UPCOMING/OPEN/CLOSED) is derived from opens_at/closes_at and the clock.
-- granted_total is kept in step with approved decisions under a row lock; the CHECK is the last line of
-- defence against overspending.
CREATE TABLE funding_call (
    id                         uuid          PRIMARY KEY,
    title                      varchar(300)  NOT NULL,
    description                text,
    kind                       varchar(20)   NOT NULL CHECK (kind IN ('PRE_PROJECT', 'CENTRE', 'NODE')),
    opens_at                   timestamptz   NOT NULL,
    closes_at                  timestamptz   NOT NULL,
    budget                     numeric(15,2) NOT NULL CHECK (budget > 0),
    max_amount_per_application numeric(15,2) NOT NULL CHECK (max_amount_per_application > 0),
    granted_total              numeric(15,2) NOT NULL DEFAULT 0 CHECK (granted_total >= 0),
    version                    bigint        NOT NULL DEFAULT 0,
    created_at                 timestamptz   NOT NULL DEFAULT now(),
    updated_at                 timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT funding_call_period CHECK (closes_at > opens_at),
    CONSTRAINT funding_call_within_budget CHECK (granted_total <= budget),
    CONSTRAINT funding_call_max_within_budget CHECK (max_amount_per_application <= budget)
);
CREATE INDEX funding_call_opens_at ON funding_call (opens_at DESC, id);

CREATE TABLE call_criterion (
    call_id     uuid         NOT NULL REFERENCES funding_call (id),
    position    integer      NOT NULL,
    code        varchar(50)  NOT NULL,
    name        varchar(200) NOT NULL,
    description text,
    weight      numeric(8,3) NOT NULL CHECK (weight > 0),
    PRIMARY KEY (call_id, position),
    CONSTRAINT call_criterion_code_unique UNIQUE (call_id, code) DEFERRABLE INITIALLY DEFERRED
);

-- One counter row per year; the upsert that bumps it holds the row lock until commit, so references
-- are unique and without gaps even when applications are created concurrently.
CREATE TABLE application_reference_counter (
    year       integer PRIMARY KEY,
    last_value integer NOT NULL
);

CREATE TABLE application (
    id                     uuid          PRIMARY KEY,
    reference              varchar(20)   NOT NULL UNIQUE,
    call_id                uuid          NOT NULL REFERENCES funding_call (id),
    title                  varchar(300),
    summary                text,
    focus_area             varchar(200),
    lead_org_no            varchar(9)    NOT NULL,
    lead_name              varchar(200),
    contact_name           varchar(200),
    contact_email          varchar(320),
    requested_amount       numeric(15,2) CHECK (requested_amount >= 0),
    own_funding            numeric(15,2) NOT NULL DEFAULT 0 CHECK (own_funding >= 0),
    status                 varchar(20)   NOT NULL
        CHECK (status IN ('DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
    decision_outcome       varchar(20)   CHECK (decision_outcome IN ('APPROVED', 'REJECTED')),
    granted_amount         numeric(15,2) CHECK (granted_amount > 0),
    decision_conditions    text,
    decision_justification text,
    decided_at             timestamptz,
    decided_by             varchar(200),
    submitted_at           timestamptz,
    created_by             varchar(200)  NOT NULL,
    version                bigint        NOT NULL DEFAULT 0,
    created_at             timestamptz   NOT NULL DEFAULT now(),
    updated_at             timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT application_decision_complete CHECK (
        (decision_outcome IS NULL AND granted_amount IS NULL AND decided_at IS NULL)
        OR (decision_outcome = 'REJECTED' AND granted_amount IS NULL AND decided_at IS NOT NULL
            AND decision_justification IS NOT NULL)
        OR (decision_outcome = 'APPROVED' AND granted_amount IS NOT NULL AND decided_at IS NOT NULL
            AND decision_justification IS NOT NULL AND granted_amount <= requested_amount))
);
CREATE INDEX application_call ON application (call_id, status);
CREATE INDEX application_lead ON application (lead_org_no);
CREATE INDEX application_created ON application (created_at DESC, id);

CREATE TABLE application_partner (
    application_id uuid         NOT NULL REFERENCES application (id),
    position       integer      NOT NULL,
    org_no         varchar(9)   NOT NULL,
    name           varchar(200) NOT NULL,
    role           varchar(200),
    PRIMARY KEY (application_id, position),
    -- Deferred: replacing the list may move an org number between positions within one flush.
    CONSTRAINT application_partner_unique UNIQUE (application_id, org_no) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX application_partner_org ON application_partner (org_no);

CREATE TABLE application_budget_line (
    application_id uuid          NOT NULL REFERENCES application (id),
    position       integer       NOT NULL,
    category       varchar(20)   NOT NULL CHECK (category IN ('PERSONNEL', 'EQUIPMENT', 'SERVICES', 'TRAVEL', 'OTHER')),
    description    varchar(500),
    amount         numeric(15,2) NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (application_id, position)
);

-- Organisation numbers known for a reviewer: from their token (every authenticated request) or given
-- by siva-admin when assigning them. The conflict-of-interest check uses every number recorded.
CREATE TABLE reviewer_organisation (
    username    varchar(200) NOT NULL,
    org_no      varchar(9)   NOT NULL,
    source      varchar(20)  NOT NULL CHECK (source IN ('TOKEN', 'ASSIGNMENT')),
    recorded_at timestamptz  NOT NULL DEFAULT now(),
    recorded_by varchar(200) NOT NULL,
    PRIMARY KEY (username, org_no)
);

CREATE TABLE review_assignment (
    application_id uuid         NOT NULL REFERENCES application (id),
    reviewer       varchar(200) NOT NULL,
    assigned_at    timestamptz  NOT NULL,
    assigned_by    varchar(200) NOT NULL,
    PRIMARY KEY (application_id, reviewer)
);
CREATE INDEX review_assignment_reviewer ON review_assignment (reviewer);

CREATE TABLE review (
    id             uuid         PRIMARY KEY,
    application_id uuid         NOT NULL REFERENCES application (id),
    reviewer       varchar(200) NOT NULL,
    comment        text,
    recommendation varchar(20)  NOT NULL CHECK (recommendation IN ('APPROVE', 'REJECT', 'UNSURE')),
    version        bigint       NOT NULL DEFAULT 0,
    created_at     timestamptz  NOT NULL DEFAULT now(),
    updated_at     timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT review_one_per_reviewer UNIQUE (application_id, reviewer)
);

CREATE TABLE review_score (
    review_id      uuid        NOT NULL REFERENCES review (id),
    criterion_code varchar(50) NOT NULL,
    score          smallint    NOT NULL CHECK (score BETWEEN 1 AND 7),
    PRIMARY KEY (review_id, criterion_code)
);

-- Append-only audit trail: every transition and every edit. The trigger refuses changes to past rows.
CREATE TABLE application_history (
    id             bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id uuid         NOT NULL REFERENCES application (id),
    at             timestamptz  NOT NULL,
    actor          varchar(200) NOT NULL,
    action         varchar(40)  NOT NULL,
    from_status    varchar(20),
    to_status      varchar(20),
    comment        text
);
CREATE INDEX application_history_application ON application_history (application_id, id);

CREATE FUNCTION application_history_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'application_history is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER application_history_no_update_delete
    BEFORE UPDATE OR DELETE ON application_history
    FOR EACH ROW EXECUTE FUNCTION application_history_append_only();

CREATE TRIGGER application_history_no_truncate
    BEFORE TRUNCATE ON application_history
    FOR EACH STATEMENT EXECUTE FUNCTION application_history_append_only();
