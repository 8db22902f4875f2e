package no.katapult.gateway.routing;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured route table: which service owns a path. Paths are never rewritten. */
// A singleton, not application-scoped: it sits on the request path, where a client proxy costs a lookup per call.
@Singleton
public class RouteTable {

    private final List<GatewayRoute> routes;
    private final Map<String, UpstreamService> services;

    @Inject
    public RouteTable(GatewayConfig config) {
        Map<String, UpstreamService> byName = new LinkedHashMap<>();
        config.services().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> byName.put(e.getKey(), UpstreamService.of(e.getKey(), e.getValue())));
        List<GatewayRoute> list = new ArrayList<>();
        config.routes().forEach((name, route) -> {
            UpstreamService service = byName.get(route.service());
            if (service == null) {
                throw new IllegalStateException("gateway.routes." + name + ".service names an unknown service: "
                        + route.service() + " (known: " + byName.keySet() + ")");
            }
            String prefix = stripTrailingSlash(route.prefix());
            if (!prefix.startsWith("/")) {
                throw new IllegalStateException("gateway.routes." + name + ".prefix must start with '/': " + prefix);
            }
            Duration timeout = route.timeout().orElse(config.timeout());
            list.add(new GatewayRoute(name, prefix, service, timeout, route.rateLimit()));
        });
        // Longest prefix first, so a nested prefix wins over its parent.
        list.sort(Comparator.comparingInt((GatewayRoute r) -> r.prefix().length()).reversed());
        this.routes = List.copyOf(list);
        this.services = Map.copyOf(byName);
    }

    /** The route owning {@code path}, matched on whole path segments. */
    public Optional<GatewayRoute> match(String path) {
        for (GatewayRoute route : routes) {
            String prefix = route.prefix();
            if (path.startsWith(prefix)
                    && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }

    public List<GatewayRoute> routes() {
        return routes;
    }

    /** Services in name order. */
    public List<UpstreamService> services() {
        return services.values().stream().sorted(Comparator.comparing(UpstreamService::name)).toList();
    }

    /** Every instance of every service, services in name order. */
    public List<Instance> instances() {
        return services().stream().flatMap(s -> s.instances().stream()).toList();
    }

    /** Prefixes owned by one service, for the contract and health reports. */
    public List<String> prefixesOf(String serviceName) {
        return routes.stream().filter(r -> r.service().name().equals(serviceName)).map(GatewayRoute::prefix)
                .sorted().toList();
    }

    private static String stripTrailingSlash(String prefix) {
        return prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    /** One upstream service: its instances, and how its contract is fetched and its health checked. */
    public record UpstreamService(String name, List<Instance> instances, String schemaPrefix,
                                  boolean mergeOpenapi, String openapiPath, String healthPath) {

        static UpstreamService of(String name, GatewayConfig.Service config) {
            List<String> urls = config.url().stream().map(String::strip).filter(u -> !u.isEmpty()).toList();
            if (urls.isEmpty()) {
                throw new IllegalStateException("gateway.services." + name + ".url names no instance");
            }
            List<Instance> instances = new ArrayList<>();
            for (String url : urls) {
                Instance instance = Instance.of(name, instances.size() + 1, url);
                if (instances.stream().anyMatch(i -> i.baseUrl().equals(instance.baseUrl()))) {
                    throw new IllegalStateException("gateway.services." + name + ".url lists " + instance.baseUrl()
                            + " twice");
                }
                instances.add(instance);
            }
            return new UpstreamService(name, List.copyOf(instances),
                    config.schemaPrefix().orElse(defaultPrefix(name)), config.mergeOpenapi(),
                    config.openapiPath(), config.healthPath());
        }

        /** "catapult-registry" -> "CatapultRegistry". */
        static String defaultPrefix(String name) {
            StringBuilder sb = new StringBuilder();
            for (String part : name.split("[^A-Za-z0-9]+")) {
                if (!part.isEmpty()) {
                    sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                }
            }
            return sb.toString();
        }

        /** The instances' base URLs, comma-separated, as configured. */
        public String urls() {
            return String.join(",", instances.stream().map(Instance::baseUrl).toList());
        }
    }

    /**
     * One instance of a service, numbered from 1 in the order of its URL setting.
     *
     * @param id the service's name and the number, e.g. {@code facility-booking#2}: names its breaker and log lines
     */
    public record Instance(String service, int number, String host, int port, boolean ssl, String id) {

        static Instance of(String service, int number, String text) {
            URI url;
            try {
                url = new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalStateException("gateway.services." + service + ".url is not a URL: " + text);
            }
            String scheme = url.getScheme() == null ? "http" : url.getScheme().toLowerCase();
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalStateException("gateway.services." + service + ".url must be http or https: " + url);
            }
            if (url.getHost() == null) {
                throw new IllegalStateException("gateway.services." + service + ".url has no host: " + url);
            }
            if (url.getPath() != null && !url.getPath().isEmpty() && !url.getPath().equals("/")) {
                // Paths are forwarded unchanged, so a base path would silently be ignored.
                throw new IllegalStateException("gateway.services." + service + ".url must not carry a path: " + url);
            }
            boolean ssl = scheme.equals("https");
            int port = url.getPort() > 0 ? url.getPort() : ssl ? 443 : 80;
            return new Instance(service, number, url.getHost(), port, ssl, service + "#" + number);
        }

        public String baseUrl() {
            return (ssl ? "https" : "http") + "://" + host + ":" + port;
        }

        @Override
        public String toString() {
            return id + " (" + baseUrl() + ")";
        }
    }

    /** A prefix owned by a service, with its own timeout and optionally a stricter rate limit. */
    public record GatewayRoute(String name, String prefix, UpstreamService service, Duration timeout,
                               Optional<GatewayConfig.Limit> rateLimit) {
    }
}
