package no.katapult.gateway.proxy;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import no.katapult.gateway.routing.GatewayConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The body limit of each request: gateway.max-body-size (1 MiB), except for the operations listed in
 * gateway.body-limits (the attachment upload, 20 MiB plus its multipart framing). The filter checks a declared
 * Content-Length against it, and {@link LimitedReadStream} counts a chunked body against it.
 */
@Singleton
public class BodyLimits {

    /** One operation with its own limit. */
    record Rule(String name, String method, Pattern path, long limit) {

        boolean matches(String requestMethod, String requestPath) {
            return method.equals(requestMethod) && path.matcher(requestPath).matches();
        }
    }

    private final long defaultLimit;
    private final List<Rule> rules;

    @Inject
    BodyLimits(GatewayConfig config,
               @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize serverLimit) {
        this.defaultLimit = config.maxBodySize().asLongValue();
        List<Rule> list = new ArrayList<>();
        config.bodyLimits().forEach((name, limit) -> list.add(new Rule(name, limit.method().strip().toUpperCase(Locale.ROOT),
                pattern(name, limit.path()), limit.maxSize().asLongValue())));
        this.rules = List.copyOf(list);
        // Quarkus's own check (a bare 413) runs after the gateway's: it must never be the stricter one.
        long largest = rules.stream().mapToLong(Rule::limit).max().orElse(0);
        if (serverLimit.asLongValue() < Math.max(defaultLimit, largest)) {
            throw new IllegalStateException("quarkus.http.limits.max-body-size (" + serverLimit.asLongValue()
                    + " bytes) must be at least the largest body limit of the gateway (" + Math.max(defaultLimit, largest)
                    + " bytes): raise GATEWAY_UPLOAD_MAX_BODY_SIZE or lower GATEWAY_MAX_BODY_SIZE");
        }
    }

    /** The largest body {@code request} may send. */
    public long limitFor(HttpServerRequest request) {
        return limitFor(request.method().name(), request.path());
    }

    long limitFor(String method, String path) {
        if (path != null) {
            for (Rule rule : rules) {
                if (rule.matches(method, path)) {
                    return rule.limit();
                }
            }
        }
        return defaultLimit;
    }

    /** "/api/v1/applications/*{@literal /}attachments" matches one segment (no slash) where the star is; a trailing slash is allowed. */
    static Pattern pattern(String name, String path) {
        String p = path.strip();
        if (!p.startsWith("/") || p.contains("**")) {
            throw new IllegalStateException("gateway.body-limits." + name + ".path must start with / and use * for one "
                    + "segment: " + path);
        }
        StringBuilder regex = new StringBuilder();
        for (String part : p.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[^/]+");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex + "/?");
    }
}
