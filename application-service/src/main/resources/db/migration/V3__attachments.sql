-- Documents attached to an application. A row is UPLOADING while its chunks are written (each chunk in its own
-- short transaction, so a slow upload holds no connection and no lock) and STORED once the type, the size
-- limits and the checksum are settled; only STORED rows are visible. Uploads that never finish are purged.
CREATE TABLE attachment (
    id             uuid         PRIMARY KEY,
    application_id uuid         NOT NULL REFERENCES application (id),
    kind           varchar(30)  CHECK (kind IN ('PROJECT_DESCRIPTION', 'BUDGET', 'LETTER_OF_INTENT', 'OTHER')),
    filename       varchar(255) NOT NULL,
    media_type     varchar(100),
    size           bigint       NOT NULL DEFAULT 0 CHECK (size >= 0),
    sha256         char(64),
    state          varchar(10)  NOT NULL CHECK (state IN ('UPLOADING', 'STORED')),
    uploaded_by    varchar(200) NOT NULL,
    created_at     timestamptz  NOT NULL,
    CONSTRAINT attachment_stored_complete CHECK (state = 'UPLOADING'
        OR (kind IS NOT NULL AND media_type IS NOT NULL AND sha256 IS NOT NULL AND size > 0))
);
CREATE INDEX attachment_application ON attachment (application_id, created_at, id);
CREATE INDEX attachment_uploading ON attachment (created_at) WHERE state = 'UPLOADING';

-- The bytes, in chunks of at most 512 KiB, so neither side ever holds a whole file in memory.
CREATE TABLE attachment_chunk (
    attachment_id uuid    NOT NULL REFERENCES attachment (id) ON DELETE CASCADE,
    seq           integer NOT NULL CHECK (seq >= 0),
    data          bytea   NOT NULL,
    PRIMARY KEY (attachment_id, seq)
);
-- The files are mostly compressed already (PDF, PNG, JPEG and the zip containers): out of line, uncompressed.
ALTER TABLE attachment_chunk ALTER COLUMN data SET STORAGE EXTERNAL;
