package no.katapult.gateway.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The response headers an API edge sets on every answer (OWASP API8, security misconfiguration):
 * no MIME sniffing, no framing, no referrer; API answers may run no content at all; an answer to an
 * authenticated request is never stored by a shared or browser cache; HTTPS pins itself (HSTS) when the
 * request came over HTTPS, directly or through a trusted proxy.
 */
@ApplicationScoped
public class SecurityHeaders {

    // Above everything, so that even the answers of filters that end a request early carry the headers.
    static final int PRIORITY = 20_000;

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            HttpServerRequest request = ctx.request();
            boolean api = ctx.normalizedPath().startsWith("/api/");
            boolean authenticated = request.headers().contains(HttpHeaders.AUTHORIZATION);
            boolean https = "https".equals(request.scheme());
            ctx.addHeadersEndHandler(v -> {
                HttpServerResponse response = ctx.response();
                response.putHeader("X-Content-Type-Options", "nosniff");
                response.putHeader("X-Frame-Options", "DENY");
                response.putHeader("Referrer-Policy", "no-referrer");
                if (api) {
                    response.putHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
                }
                if (authenticated) {
                    response.putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                    response.headers().remove(HttpHeaders.EXPIRES);
                }
                if (https) {
                    response.putHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
                }
            });
            ctx.next();
        }, PRIORITY);
    }
}
