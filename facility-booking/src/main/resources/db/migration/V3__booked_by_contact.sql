-- Issue 14: the booker's e-mail and locale from their token at creation, so that event-hub can tell them
-- when the booking is confirmed, rejected or cancelled. Earlier bookings have none (nobody is mailed).
ALTER TABLE booking ADD COLUMN booked_by_email varchar(320);
ALTER TABLE booking ADD COLUMN booked_by_locale varchar(35);
