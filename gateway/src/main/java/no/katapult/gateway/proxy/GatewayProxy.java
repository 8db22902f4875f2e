package no.katapult.gateway.proxy;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.katapult.gateway.metrics.GatewayMetrics;
import no.katapult.gateway.problem.GatewayProblems;
import no.katapult.gateway.ratelimit.RateLimiter;
import no.katapult.gateway.resilience.CircuitBreakers;
import no.katapult.gateway.routing.GatewayConfig;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.GatewayRoute;
import no.katapult.gateway.upstream.Upstreams;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy route: finds the owning service by prefix, applies the client's rate limit and streams the
 * exchange through vertx-http-proxy to one of the service's instances (UpstreamExchange). Paths outside every prefix fall through to the 404 problem (EdgeRoutes).
 */
@ApplicationScoped
public class GatewayProxy {

    /** After the security filters (authentication is at -200), before Quarkus's upload limit (-2). */
    static final int ROUTE_ORDER = -20;

    @Inject
    GatewayConfig config;

    @Inject
    RouteTable routes;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    CircuitBreakers breakers;

    @Inject
    Upstreams upstreams;

    @Inject
    GatewayProblems problems;

    @Inject
    BodyLimits bodyLimits;

    @Inject
    GatewayMetrics metrics;

    @Inject
    Vertx vertx;

    private UpstreamClients clients;
    private final Map<String, HttpProxy> proxies = new HashMap<>();

    void register(@Observes Router router) {
        clients = new UpstreamClients(vertx, config.poolSize(), (int) config.connectTimeout().toMillis(),
                config.upstreamKeepAlive());
        long connectTimeout = config.connectTimeout().toMillis();
        for (GatewayRoute route : routes.routes()) {
            // No WebSocket tunnel: the API has none, and a tunnel would bypass the interceptors.
            OriginRequestProvider origin = UpstreamExchange.origin(clients, connectTimeout, route.timeout().toMillis());
            HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), clients.shared())
                    .origin(origin)
                    .addInterceptor(new UpstreamExchange(route, upstreams, breakers, problems, bodyLimits, metrics,
                            origin));
            proxies.put(route.name(), proxy);
        }
        router.route("/api/*").order(ROUTE_ORDER).handler(this::handle);
    }

    void close(@Observes ShutdownEvent event) {
        if (clients != null) {
            clients.close();
        }
    }

    private void handle(RoutingContext ctx) {
        Optional<GatewayRoute> match = routes.match(ctx.normalizedPath());
        if (match.isEmpty()) {
            ctx.next();
            return;
        }
        GatewayRoute route = match.get();
        HttpServerRequest request = ctx.request();
        long arrived = System.nanoTime();
        ctx.addEndHandler(ended -> metrics.answered(route, request.method().name(), ctx.response().getStatusCode(),
                System.nanoTime() - arrived));
        SocketAddress remote = request.remoteAddress();
        String clientIp = remote == null ? "unknown" : remote.hostAddress();
        rateLimiter.tryAcquire(clientKey(ctx, clientIp), route).onComplete(ar -> {
            RateLimiter.Decision decision = ar.result();
            if (decision != null) {
                decision.writeHeaders(ctx.response());
                if (!decision.allowed()) {
                    problems.tooManyRequests(ctx, decision.retryAfterSeconds(), route.service().name());
                    return;
                }
            }
            if (ctx.response().closed()) {
                return; // the client left while a shared bucket was asked
            }
            forward(ctx, route, clientIp);
        });
    }

    private void forward(RoutingContext ctx, GatewayRoute route, String clientIp) {
        HttpServerRequest request = ctx.request();
        // Set on the incoming headers, which the proxy copies for the upstream request.
        MultiMap headers = request.headers();
        String forwardedFor = headers.get("X-Forwarded-For");
        headers.set("X-Forwarded-For", forwardedFor == null ? clientIp : forwardedFor + ", " + clientIp);
        headers.set("X-Forwarded-Proto", request.scheme());
        HostAndPort authority = request.authority();
        if (authority != null) {
            headers.set("X-Forwarded-Host", authority.port() > 0 ? authority.host() + ":" + authority.port()
                    : authority.host());
        }
        proxies.get(route.name()).handle(request);
    }

    /** The token's subject when a valid token came with the request, else the client's IP address. */
    static String clientKey(RoutingContext ctx, String clientIp) {
        if (ctx.user() instanceof QuarkusHttpUser user) {
            SecurityIdentity identity = user.getSecurityIdentity();
            if (identity != null && !identity.isAnonymous()) {
                Principal principal = identity.getPrincipal();
                String subject = principal instanceof JsonWebToken jwt && jwt.getSubject() != null
                        ? jwt.getSubject() : principal.getName();
                return "sub:" + subject;
            }
        }
        return "ip:" + clientIp;
    }
}
