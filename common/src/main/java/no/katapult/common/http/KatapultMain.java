package no.katapult.common.http;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point of every service and the gateway. Quarkus checks each request URI with {@code java.net.URI}
 * before any handler runs and answers one it cannot parse (invalid percent-encoding such as {@code %zz}, a
 * lone {@code %}) with a bare 400 and no body. That check is switched off here, before Quarkus starts, so that
 * {@link RequestLimits} makes the same check and answers with a problem. Tests set the same property in the
 * root pom's surefire configuration.
 */
@QuarkusMain
public final class KatapultMain {

    /** Read by Quarkus's HTTP root handler when its class is initialised. */
    public static final String DISABLE_URI_VALIDATION = "vertx.disableURIValidation";

    private KatapultMain() {
    }

    public static void main(String... args) {
        System.setProperty(DISABLE_URI_VALIDATION, "true");
        Quarkus.run(args);
    }
}
