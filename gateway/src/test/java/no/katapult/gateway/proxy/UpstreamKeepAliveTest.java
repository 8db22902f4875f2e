package no.katapult.gateway.proxy;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import no.katapult.gateway.routing.GatewayConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile-input sweep (issue 11) met a 502 "catapult-registry closed the connection before answering": the
 * gateway reused a pooled connection that the registry was closing after its 30 s idle timeout, since Vert.x keeps
 * idle client connections 60 s. The pool must let go of a connection before the service does.
 */
@QuarkusTest
class UpstreamKeepAliveTest {

    @Inject
    GatewayConfig config;

    @Inject
    Vertx vertx;

    /** The services' idle timeout: the same suite-wide setting (CATAPULT_HTTP_IDLE_TIMEOUT) as the gateway's own. */
    @ConfigProperty(name = "quarkus.http.idle-timeout")
    Duration serviceIdleTimeout;

    @Test
    void idleUpstreamConnectionsAreLetGoBeforeTheServicesCloseThem() {
        assertTrue(config.upstreamKeepAlive().compareTo(serviceIdleTimeout) < 0,
                () -> "keep-alive " + config.upstreamKeepAlive() + " must be below the idle timeout " + serviceIdleTimeout);
        UpstreamClients clients = new UpstreamClients(vertx, 1, 1000, config.upstreamKeepAlive());
        try {
            assertEquals(config.upstreamKeepAlive().toSeconds(), clients.options().getKeepAliveTimeout());
        } finally {
            clients.close();
        }
    }
}
