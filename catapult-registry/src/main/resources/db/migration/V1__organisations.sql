CREATE TABLE organisation (
    org_no                 varchar(9) PRIMARY KEY,
    name                   varchar(200) NOT NULL,
    kind                   varchar(20)  NOT NULL,
    version                bigint       NOT NULL DEFAULT 0,
    created_at             timestamptz  NOT NULL DEFAULT now(),
    updated_at             timestamptz  NOT NULL DEFAULT now()
);
