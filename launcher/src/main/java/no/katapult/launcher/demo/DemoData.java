package no.katapult.launcher.demo;

import no.katapult.launcher.Settings;

/**
 * Loads the demo data through the public API via the gateway, one loader per service area. A step the
 * API refuses (e.g. an endpoint that does not exist yet) is reported with its status and problem body;
 * the other areas still load where they can, and the stack keeps running.
 */
public final class DemoData {

    private final Settings settings;

    public DemoData(Settings settings) {
        this.settings = settings;
    }

    /** Returns true when every area loaded completely. */
    public boolean load() {
        DemoLog log = new DemoLog();
        Api api = new Api(settings.gatewayUrl(), settings.tokenUrl());
        no.katapult.launcher.Console.line(DemoLog.NAME, "loading demo data through " + settings.gatewayUrl()
                + " with tokens from " + settings.tokenUrl());
        boolean complete = true;
        Catalogue catalogue = null;
        try {
            catalogue = new RegistryDemo(api, log).load();
        } catch (DemoException e) {
            log.failed("registry", e.getMessage());
            complete = false;
        }
        try {
            new ApplicationDemo(api, log).load();
        } catch (DemoException e) {
            log.failed("applications", e.getMessage());
            complete = false;
        }
        if (catalogue == null) {
            log.skipped("bookings", "they need the registry's demo facilities");
            complete = false;
        } else {
            try {
                new BookingDemo(api, log).load(catalogue);
            } catch (DemoException e) {
                log.failed("bookings", e.getMessage());
                complete = false;
            }
        }
        return complete;
    }
}
