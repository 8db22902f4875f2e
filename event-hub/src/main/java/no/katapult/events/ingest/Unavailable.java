package no.katapult.events.ingest;

/** Another part of the suite could not be asked, or answered what the hub cannot take; the caller tries again later. */
public class Unavailable extends RuntimeException {

    public Unavailable(String message) {
        super(message, null, false, false);
    }
}
