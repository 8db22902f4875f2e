package no.katapult.gateway.proxy;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Vertx;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.katapult.gateway.ratelimit.RateLimiter;
import no.katapult.gateway.resilience.CircuitBreakers;
import no.katapult.gateway.routing.GatewayConfig;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.GatewayRoute;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy route: finds the owning service by prefix, applies the client's rate limit and streams the
 * exchange through vertx-http-proxy. Paths outside every prefix fall through to the 404 problem (EdgeRoutes).
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
    GatewayProblems problems;

    @Inject
    Vertx vertx;

    private UpstreamClients clients;
    private final Map<String, HttpProxy> proxies = new HashMap<>();

    void register(@Observes Router router) {
        clients = new UpstreamClients(vertx, config.poolSize(), (int) config.connectTimeout().toMillis());
        long maxBody = config.maxBodySize().asLongValue();
        long connectTimeout = config.connectTimeout().toMillis();
        for (GatewayRoute route : routes.routes()) {
            RouteTable.UpstreamService service = route.service();
            SocketAddress address = SocketAddress.inetSocketAddress(service.port(), service.host());
            // No WebSocket tunnel: the API has none, and a tunnel would bypass the interceptors.
            HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), clients.shared())
                    .origin(UpstreamExchange.origin(clients, address, service.host(), service.ssl(), connectTimeout,
                            route.timeout().toMillis()))
                    .addInterceptor(new UpstreamExchange(route, breakers, problems, maxBody));
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
        SocketAddress remote = request.remoteAddress();
        String clientIp = remote == null ? "unknown" : remote.hostAddress();
        RateLimiter.Decision decision = rateLimiter.tryAcquire(clientKey(ctx, clientIp), route);
        if (decision != null) {
            HttpServerResponse response = ctx.response();
            response.putHeader("RateLimit-Limit", Long.toString(decision.limit()))
                    .putHeader("RateLimit-Remaining", Long.toString(decision.remaining()))
                    .putHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()))
                    .putHeader("RateLimit-Policy", decision.policy());
            if (!decision.allowed()) {
                response.putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
                if (!ctx.request().isEnded()) {
                    ctx.request().resume(); // drop the unread body so the connection stays usable
                }
                problems.write(ctx, GatewayProblems.problem(429, "too-many-requests",
                        "Rate limit exceeded; retry after " + decision.retryAfterSeconds() + " s")
                        .with("service", route.service().name()));
                return;
            }
        }
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
