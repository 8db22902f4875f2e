-- Issue 14: an organisation's optional contact person, told by e-mail of decisions on applications in which
-- the organisation is a partner (event-hub learns it from no.katapult.organisation.updated).
ALTER TABLE organisation ADD COLUMN contact_name varchar(200);
ALTER TABLE organisation ADD COLUMN contact_email varchar(320);
ALTER TABLE organisation ADD CONSTRAINT organisation_contact_has_email
    CHECK (contact_name IS NULL OR contact_email IS NOT NULL);
