package no.katapult.launcher.demo;

import no.katapult.client.Api;
import no.katapult.client.ApiException;
import no.katapult.client.Retry;
import no.katapult.launcher.console.Console;

import java.time.Duration;

/**
 * Loads the demo data through the public API via the gateway, one loader per service area. A step the
 * API refuses (e.g. an endpoint that does not exist yet) is reported with its status and problem body;
 * the other areas still load where they can, and the stack keeps running.
 *
 * <p>The gateway may still answer 503 for a while after the services report ready (its circuit breakers
 * open when something polls it during start-up), so every request that may be repeated is retried,
 * honouring Retry-After, for up to two minutes.
 */
public final class DemoData {

    static final Retry RETRY = Retry.STANDARD.within(Duration.ofMinutes(2));

    private final String gatewayUrl;
    private final String tokenUrl;

    /** Loads through the gateway at {@code gatewayUrl}, with tokens from the token endpoint at {@code tokenUrl}. */
    public DemoData(String gatewayUrl, String tokenUrl) {
        this.gatewayUrl = gatewayUrl;
        this.tokenUrl = tokenUrl;
    }

    /** Returns true when every area loaded completely. */
    public boolean load() {
        DemoLog log = new DemoLog();
        Api api = Api.builder(gatewayUrl).tokens(tokenUrl).retry(RETRY)
                .onRetry(log::retrying).build();
        Session session = new Session(api, log);
        Console.line(DemoLog.NAME, "loading demo data through " + gatewayUrl
                + " with tokens from " + tokenUrl);
        boolean complete = true;
        Catalogue catalogue = null;
        try {
            catalogue = new RegistryDemo(session).load();
        } catch (DemoException | ApiException e) {
            log.failed("registry", e.getMessage());
            complete = false;
        }
        try {
            new ApplicationDemo(session).load();
        } catch (DemoException | ApiException e) {
            log.failed("applications", e.getMessage());
            complete = false;
        }
        if (catalogue == null) {
            log.skipped("bookings", "they need the registry's demo facilities");
            complete = false;
        } else {
            try {
                new BookingDemo(session).load(catalogue);
            } catch (DemoException | ApiException e) {
                log.failed("bookings", e.getMessage());
                complete = false;
            }
        }
        return complete;
    }
}
