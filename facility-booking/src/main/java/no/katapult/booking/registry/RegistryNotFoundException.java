package no.katapult.booking.registry;

/** The registry answered 404: the resource does not exist. Not a registry failure. */
public class RegistryNotFoundException extends RuntimeException {
    public RegistryNotFoundException(String what) {
        super(what, null, false, false);
    }
}
