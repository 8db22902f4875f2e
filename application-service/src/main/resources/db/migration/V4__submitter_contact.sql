-- Issue 14: who submitted the application, with the e-mail and locale of their token at submit, so that
-- event-hub can tell the lead applicant of the submission and of the decision in their language.
ALTER TABLE application ADD COLUMN submitted_by varchar(200);
ALTER TABLE application ADD COLUMN submitted_by_email varchar(320);
ALTER TABLE application ADD COLUMN submitted_by_locale varchar(35);
