package no.katapult.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One instance of one of the five Quarkus services (the gateway included), started from its packaged jar. The
 * first instance of a kind is named after it ("registry") and listens on the kind's port; with
 * {@code --replicas N}, instance k is "registry-k" and listens 10 × (k - 1) above (registry-2 on 8091).
 */
public record Service(String kind, String module, String portVariable, int instance) {

    /** The five kinds, each as its first instance. */
    public static final List<Service> ALL = List.of(
            new Service("registry", "catapult-registry", "REGISTRY_PORT", 1),
            new Service("application", "application-service", "APPLICATION_PORT", 1),
            new Service("booking", "facility-booking", "BOOKING_PORT", 1),
            new Service("events", "event-hub", "EVENTS_PORT", 1),
            new Service("gateway", "gateway", "GATEWAY_PORT", 1));
    /** Two gateways at most: the second shows that clients' budgets are shared; more would add nothing. */
    static final int MAX_GATEWAYS = 2;
    static final int REPLICA_PORT_STEP = 10;

    /** Every instance the stack runs: N of each domain service and up to two gateways. */
    public static List<Service> instances(Settings s) {
        List<Service> all = new ArrayList<>();
        for (Service kind : ALL) {
            int n = kind.isGateway() ? Math.min(MAX_GATEWAYS, s.replicas()) : s.replicas();
            for (int k = 1; k <= n; k++) {
                all.add(new Service(kind.kind, kind.module, kind.portVariable, k));
            }
        }
        return all;
    }

    /** The part name: the kind for the first instance, "kind-k" for the others. */
    public String name() {
        return instance == 1 ? kind : kind + "-" + instance;
    }

    public boolean isGateway() {
        return kind.equals("gateway");
    }

    public Path jar(Path root) {
        return root.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    public int port(Settings s) {
        int first = switch (kind) {
            case "registry" -> s.registryPort();
            case "application" -> s.applicationPort();
            case "booking" -> s.bookingPort();
            case "events" -> s.eventsPort();
            case "gateway" -> s.gatewayPort();
            default -> throw new IllegalStateException(kind);
        };
        return first + REPLICA_PORT_STEP * (instance - 1);
    }

    public String url(Settings s) {
        return "http://localhost:" + port(s);
    }

    public String readyUrl(Settings s) {
        return url(s) + "/q/health/ready";
    }

    /** The URLs of every instance of this kind, comma-separated, as the gateway takes them (REGISTRY_URL=a,b). */
    public String allUrls(Settings s) {
        return instances(s).stream().filter(i -> i.kind.equals(kind)).map(i -> i.url(s)).collect(Collectors.joining(","));
    }
}
