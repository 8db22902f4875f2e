package no.katapult.launcher;

import java.nio.file.Path;
import java.util.List;

/** One of the four Quarkus services, started from its packaged jar. */
public record Service(String name, String module, String portVariable) {

    public static final List<Service> ALL = List.of(
            new Service("registry", "catapult-registry", "REGISTRY_PORT"),
            new Service("application", "application-service", "APPLICATION_PORT"),
            new Service("booking", "facility-booking", "BOOKING_PORT"),
            new Service("gateway", "gateway", "GATEWAY_PORT"));

    public Path jar(Path root) {
        return root.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    public int port(Settings s) {
        return switch (name) {
            case "registry" -> s.registryPort();
            case "application" -> s.applicationPort();
            case "booking" -> s.bookingPort();
            case "gateway" -> s.gatewayPort();
            default -> throw new IllegalStateException(name);
        };
    }

    public String url(Settings s) {
        return "http://localhost:" + port(s);
    }

    public String readyUrl(Settings s) {
        return url(s) + "/q/health/ready";
    }
}
