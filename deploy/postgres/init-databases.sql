-- Run once by the postgres image on an empty volume (docker-entrypoint-initdb.d):
-- one database per service, all owned by the catapult user of POSTGRES_USER.
CREATE DATABASE catapult_registry;
CREATE DATABASE catapult_application;
CREATE DATABASE catapult_booking;
CREATE DATABASE catapult_events;
