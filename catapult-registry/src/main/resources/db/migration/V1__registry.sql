-- Schema of catapult-registry: the catalogue (centres, facilities, equipment) and organisations.

-- Full-text search. Catalogue text is Norwegian, but technical vocabulary is full of English
-- loanwords ("printing", "scanner") that the norwegian stemmer leaves alone, while it reduces
-- "printer" to "print". Documents and queries are therefore analysed with both the norwegian and
-- the english configurations, and the results are unioned: norwegian stems match Norwegian
-- inflections ("sveiseroboter" ~ "sveiserobot"), english stems catch the loanwords
-- ("printing" -> "print" ~ "printer" -> "print").
CREATE FUNCTION catalogue_tsvector(a text, b text, c text, d text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT setweight(to_tsvector('norwegian', coalesce(a, '')) || to_tsvector('english', coalesce(a, '')), 'A')
    || setweight(to_tsvector('norwegian', coalesce(b, '')) || to_tsvector('english', coalesce(b, '')), 'B')
    || setweight(to_tsvector('norwegian', coalesce(c, '')) || to_tsvector('english', coalesce(c, '')), 'C')
    || setweight(to_tsvector('norwegian', coalesce(d, '')) || to_tsvector('english', coalesce(d, '')), 'D')
$$;

-- The parser indexes "3D-printer" as the compound "3d-printer" plus its parts "3d" and "printer",
-- but a hyphenated query becomes a phrase that also demands the compound, so "3d-printer" would
-- miss a text that says "3D printer". Hyphens inside words are therefore split into separate
-- words in queries; websearch syntax ("quoted phrase", or, -exclude) keeps working and never fails
-- on bad syntax.
CREATE FUNCTION catalogue_tsquery(q text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT websearch_to_tsquery('norwegian', regexp_replace(q, '(?<=[[:alnum:]])-(?=[[:alnum:]])', ' ', 'g'))
    || websearch_to_tsquery('english', regexp_replace(q, '(?<=[[:alnum:]])-(?=[[:alnum:]])', ' ', 'g'))
$$;

-- Immutable joins for the generated columns (array_to_string and concat_ws are only stable in
-- general, because of arbitrary element types; for text they are immutable). NULLs are skipped.
CREATE FUNCTION text_array_join(tags text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT coalesce(array_to_string(tags, ' '), '')
$$;

CREATE FUNCTION search_text(VARIADIC parts text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT array_to_string(parts, ' ')
$$;

CREATE TABLE centre (
    id                 uuid PRIMARY KEY,
    code               varchar(60)  NOT NULL,
    name               varchar(200) NOT NULL,
    kind               varchar(20)  NOT NULL CHECK (kind IN ('NATIONAL_CENTRE', 'NODE')),
    parent_centre_id   uuid REFERENCES centre (id),
    focus_areas        text[]       NOT NULL DEFAULT '{}',
    status             varchar(20)  NOT NULL CHECK (status IN ('PRE_PROJECT', 'ESTABLISHED', 'PHASED_OUT')),
    host_org_no        varchar(9),
    host_org_name      varchar(200),
    street             varchar(200),
    postcode           varchar(4),
    municipality       varchar(100) NOT NULL,
    county             varchar(100) NOT NULL,
    description        text,
    website            varchar(500),
    contact_email      varchar(254),
    established_on     date,
    version            bigint       NOT NULL DEFAULT 0,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    updated_at         timestamptz  NOT NULL DEFAULT now(),
    search_vector      tsvector GENERATED ALWAYS AS (
        catalogue_tsvector(search_text(name, code), text_array_join(focus_areas),
                           description, search_text(municipality, county, host_org_name))) STORED,
    CONSTRAINT centre_code_unique UNIQUE (code),
    CONSTRAINT centre_code_kebab CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT centre_parent_only_for_nodes CHECK (parent_centre_id IS NULL OR kind = 'NODE'),
    CONSTRAINT centre_host_complete CHECK ((host_org_no IS NULL) = (host_org_name IS NULL))
);
CREATE INDEX centre_search_idx ON centre USING gin (search_vector);
CREATE INDEX centre_focus_areas_idx ON centre USING gin (focus_areas);
CREATE INDEX centre_parent_idx ON centre (parent_centre_id);

CREATE TABLE facility (
    id                              uuid PRIMARY KEY,
    centre_id                       uuid         NOT NULL REFERENCES centre (id),
    name                            varchar(200) NOT NULL,
    type                            varchar(30)  NOT NULL,
    description                     text,
    capabilities                    text[]       NOT NULL DEFAULT '{}',
    capacity                        integer CHECK (capacity > 0),
    street                          varchar(200),
    postcode                        varchar(4),
    municipality                    varchar(100),
    county                          varchar(100),
    -- {"MONDAY": [{"from": "08:00", "to": "16:00"}], ...}: local Europe/Oslo wall-clock times.
    opening_hours                   jsonb        NOT NULL DEFAULT '{}',
    -- [{"from": "2026-12-24", "to": "2027-01-01", "reason": "..."}], inclusive dates.
    closures                        jsonb        NOT NULL DEFAULT '[]',
    min_duration_minutes            integer      NOT NULL CHECK (min_duration_minutes > 0),
    max_duration_minutes            integer      NOT NULL,
    slot_granularity_minutes        integer      NOT NULL CHECK (slot_granularity_minutes > 0),
    lead_time_hours                 integer      NOT NULL CHECK (lead_time_hours >= 0),
    horizon_days                    integer      NOT NULL CHECK (horizon_days > 0),
    buffer_minutes                  integer      NOT NULL CHECK (buffer_minutes >= 0),
    requires_approval               boolean      NOT NULL,
    free_cancellation_notice_hours  integer      NOT NULL CHECK (free_cancellation_notice_hours >= 0),
    standard_price                  numeric(15, 2) NOT NULL CHECK (standard_price >= 0),
    sme_price                       numeric(15, 2) NOT NULL CHECK (sme_price >= 0),
    bookable                        boolean      NOT NULL,
    active                          boolean      NOT NULL,
    version                         bigint       NOT NULL DEFAULT 0,
    created_at                      timestamptz  NOT NULL DEFAULT now(),
    updated_at                      timestamptz  NOT NULL DEFAULT now(),
    -- Maintained by triggers: the facility's own text plus that of all its equipment.
    search_vector                   tsvector     NOT NULL DEFAULT ''::tsvector,
    CONSTRAINT facility_sme_price_le_standard CHECK (sme_price <= standard_price),
    CONSTRAINT facility_durations_ordered CHECK (min_duration_minutes <= max_duration_minutes),
    CONSTRAINT facility_durations_granular CHECK (min_duration_minutes % slot_granularity_minutes = 0
        AND max_duration_minutes % slot_granularity_minutes = 0)
);
CREATE INDEX facility_centre_idx ON facility (centre_id);
CREATE INDEX facility_search_idx ON facility USING gin (search_vector);
CREATE INDEX facility_capabilities_idx ON facility USING gin (capabilities);

CREATE TABLE equipment (
    id              uuid PRIMARY KEY,
    facility_id     uuid         NOT NULL REFERENCES facility (id),
    name            varchar(200) NOT NULL,
    category        varchar(100) NOT NULL,
    manufacturer    varchar(200),
    model           varchar(200),
    description     text,
    capabilities    text[]       NOT NULL DEFAULT '{}',
    bookable        boolean      NOT NULL,
    standard_price  numeric(15, 2) CHECK (standard_price >= 0),
    sme_price       numeric(15, 2) CHECK (sme_price >= 0),
    version         bigint       NOT NULL DEFAULT 0,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    search_vector   tsvector GENERATED ALWAYS AS (
        catalogue_tsvector(name, search_text(category, text_array_join(capabilities)),
                           search_text(manufacturer, model), description)) STORED,
    -- Own prices come as a pair, or not at all (then the facility's apply).
    CONSTRAINT equipment_prices_paired CHECK ((standard_price IS NULL) = (sme_price IS NULL)),
    CONSTRAINT equipment_sme_price_le_standard CHECK (sme_price <= standard_price)
);
CREATE INDEX equipment_facility_idx ON equipment (facility_id);
CREATE INDEX equipment_search_idx ON equipment USING gin (search_vector);
CREATE INDEX equipment_capabilities_idx ON equipment USING gin (capabilities);
CREATE INDEX equipment_category_idx ON equipment (lower(category));

-- A facility is found by the text of its equipment too, so its vector is rebuilt whenever the
-- facility or one of its items changes. Equipment names weigh like facility tags.
CREATE FUNCTION facility_search_vector_refresh() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    equipment_names text;
    equipment_tags  text;
    equipment_text  text;
BEGIN
    SELECT string_agg(e.name, ' '),
           string_agg(search_text(e.category, text_array_join(e.capabilities), e.manufacturer, e.model), ' '),
           string_agg(e.description, ' ')
      INTO equipment_names, equipment_tags, equipment_text
      FROM equipment e
     WHERE e.facility_id = NEW.id;
    NEW.search_vector := catalogue_tsvector(
        NEW.name,
        search_text(NEW.type, text_array_join(NEW.capabilities), equipment_names),
        search_text(NEW.description, equipment_tags),
        search_text(equipment_text, NEW.municipality, NEW.county));
    RETURN NEW;
END
$$;

CREATE TRIGGER facility_search_vector_refresh
    BEFORE INSERT OR UPDATE ON facility
    FOR EACH ROW EXECUTE FUNCTION facility_search_vector_refresh();

-- Touching the facility row re-runs the trigger above with the equipment as it now is.
CREATE FUNCTION equipment_touch_facility_search() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE facility SET search_vector = search_vector WHERE id = OLD.facility_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.facility_id IS DISTINCT FROM OLD.facility_id
            OR (NEW.name, NEW.category, NEW.capabilities, NEW.manufacturer, NEW.model, NEW.description)
               IS DISTINCT FROM (OLD.name, OLD.category, OLD.capabilities, OLD.manufacturer, OLD.model, OLD.description)) THEN
        UPDATE facility SET search_vector = search_vector WHERE id = NEW.facility_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER equipment_touch_facility_search
    AFTER INSERT OR UPDATE OR DELETE ON equipment
    FOR EACH ROW EXECUTE FUNCTION equipment_touch_facility_search();

CREATE TABLE organisation (
    org_no                        varchar(9)   PRIMARY KEY,
    name                          varchar(200) NOT NULL,
    kind                          varchar(20)  NOT NULL CHECK (kind IN ('COMPANY', 'RESEARCH', 'CLUSTER', 'PUBLIC')),
    -- The SME declaration: all columns set, or none (no declaration).
    sme_employees                 integer CHECK (sme_employees >= 0),
    sme_annual_turnover           numeric(15, 2) CHECK (sme_annual_turnover >= 0),
    sme_balance_sheet_total       numeric(15, 2) CHECK (sme_balance_sheet_total >= 0),
    sme_fiscal_year               integer,
    sme_has_linked_enterprises    boolean,
    sme_declared_at               timestamptz,
    version                       bigint       NOT NULL DEFAULT 0,
    created_at                    timestamptz  NOT NULL DEFAULT now(),
    updated_at                    timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT organisation_org_no_digits CHECK (org_no ~ '^[0-9]{9}$'),
    CONSTRAINT organisation_declaration_complete CHECK (
        num_nulls(sme_employees, sme_annual_turnover, sme_balance_sheet_total, sme_fiscal_year,
                  sme_has_linked_enterprises, sme_declared_at) IN (0, 6))
);
