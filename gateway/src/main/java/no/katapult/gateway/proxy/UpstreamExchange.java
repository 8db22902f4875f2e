package no.katapult.gateway.proxy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import no.katapult.common.problem.Problem;
import no.katapult.gateway.resilience.CircuitBreakers;
import no.katapult.gateway.resilience.UpstreamException;
import no.katapult.gateway.resilience.UpstreamException.Kind;
import no.katapult.gateway.routing.RouteTable.GatewayRoute;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * One exchange with a service: forwarding headers on the way in, hop-by-hop headers stripped both ways,
 * the service's circuit breaker around it, and failures turned into problems that name the service.
 */
final class UpstreamExchange implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(UpstreamExchange.class);

    private static final String CONNECTED = "katapult.connected";
    private static final String BODY_TOO_LARGE = "katapult.bodyTooLarge";
    private static final String GENERATED = "katapult.generated";

    /** RFC 9110 section 7.6.1; vertx-http-proxy drops some of them, and none from responses. */
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    private final GatewayRoute route;
    private final String service;
    private final CircuitBreakers breakers;
    private final GatewayProblems problems;
    private final long maxBody;

    UpstreamExchange(GatewayRoute route, CircuitBreakers breakers, GatewayProblems problems, long maxBody) {
        this.route = route;
        this.service = route.service().name();
        this.breakers = breakers;
        this.problems = problems;
        this.maxBody = maxBody;
    }

    static OriginRequestProvider origin(UpstreamClients clients, SocketAddress address, String host, boolean ssl,
                                        long connectTimeout, long timeout) {
        return context -> clients.current().request(new RequestOptions()
                        .setServer(address)
                        .setHost(host)
                        .setPort(address.port())
                        .setSsl(ssl)
                        .setConnectTimeout(connectTimeout)
                        .setIdleTimeout(timeout))
                .onSuccess(request -> {
                    context.set(CONNECTED, Boolean.TRUE);
                    // Failures reach the exchange through the response future; this only keeps Vert.x from
                    // logging a reset (e.g. after a 413 mid-stream) as an unhandled error.
                    request.exceptionHandler(err -> LOG.debugf("Upstream request failed: %s", err.getMessage()));
                });
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        HttpServerRequest incoming = request.proxiedRequest();
        // X-Forwarded-* are already set (GatewayProxy); hop-by-hop headers stay with this connection.
        stripHopByHop(request.headers());
        if (maxBody > 0 && request.getBody() != null && request.getBody().length() < 0
                && "chunked".equalsIgnoreCase(incoming.getHeader("Transfer-Encoding"))) {
            request.setBody(Body.body(new LimitedReadStream(incoming, maxBody,
                    () -> context.set(BODY_TOO_LARGE, Boolean.TRUE)), -1));
        }
        return breakers.call(service, () -> context.sendRequest()
                        .recover(err -> Future.failedFuture(classify(context, err))))
                .recover(err -> Future.succeededFuture(problemResponse(context, err)));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        if (context.get(GENERATED, Boolean.class) == null) {
            MultiMap headers = context.response().headers();
            stripHopByHop(headers);
            // The gateway already set the same X-Request-Id, and it owns CORS for every path.
            headers.remove("X-Request-Id");
            List<String> cors = null;
            for (String name : headers.names()) {
                if (name.regionMatches(true, 0, "access-control-", 0, 15)) {
                    (cors == null ? cors = new ArrayList<>() : cors).add(name);
                }
            }
            if (cors != null) {
                cors.forEach(headers::remove);
            }
        }
        return context.sendResponse();
    }

    private static void stripHopByHop(MultiMap headers) {
        for (String connection : headers.getAll("Connection")) {
            for (String token : connection.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    headers.remove(name);
                }
            }
        }
        for (String name : HOP_BY_HOP) {
            headers.remove(name);
        }
    }

    private UpstreamException classify(ProxyContext context, Throwable err) {
        if (err instanceof UpstreamException u) {
            return u;
        }
        if (context.get(BODY_TOO_LARGE, Boolean.class) != null) {
            return new UpstreamException(Kind.BODY_TOO_LARGE, "body too large", err);
        }
        if (context.request().proxiedRequest().response().closed()) {
            // Must not count against the service: a load test ending, or a user closing a tab, would open the
            // breaker for everyone.
            return new UpstreamException(Kind.CLIENT_GONE, "client closed the connection", err);
        }
        if (context.get(CONNECTED, Boolean.class) == null) {
            return new UpstreamException(Kind.UNREACHABLE, String.valueOf(err.getMessage()), err);
        }
        if (err instanceof TimeoutException) {
            return new UpstreamException(Kind.TIMEOUT, String.valueOf(err.getMessage()), err);
        }
        return new UpstreamException(Kind.BROKEN, String.valueOf(err.getMessage()), err);
    }

    private ProxyResponse problemResponse(ProxyContext context, Throwable err) {
        ProxyRequest request = context.request();
        HttpServerRequest incoming = request.proxiedRequest();
        Problem problem;
        String retryAfter = null;
        boolean close = false;
        if (err instanceof CircuitBreakerOpenException) {
            problem = GatewayProblems.problem(503, "circuit-open", service
                    + " failed repeatedly; the gateway is not sending it requests for now");
            retryAfter = Long.toString(breakers.retryAfterSeconds());
        } else if (err instanceof UpstreamException u) {
            switch (u.kind()) {
                case UNREACHABLE -> {
                    problem = GatewayProblems.problem(503, "service-unavailable", service + " is not reachable");
                    retryAfter = "1";
                }
                case TIMEOUT -> problem = GatewayProblems.problem(504, "gateway-timeout", service
                        + " did not answer within " + route.timeout().toMillis() + " ms");
                case BODY_TOO_LARGE -> {
                    problem = GatewayProblems.tooLargeProblem(maxBody);
                    close = true;
                }
                case CLIENT_GONE -> problem = GatewayProblems.problem(499, "client-closed-request",
                        "The client closed the connection before " + service + " answered");
                default -> problem = GatewayProblems.problem(502, "bad-gateway", service
                        + " closed the connection before answering");
            }
            if (u.kind().serviceFailure()) {
                LOG.warnf("%s %s -> %s: %s (%s)", incoming.method(), incoming.path(), service, u.kind(),
                        u.getMessage());
            }
        } else {
            LOG.errorf(err, "Unexpected failure proxying %s %s to %s", incoming.method(), incoming.path(), service);
            problem = GatewayProblems.problem(502, "bad-gateway", service + " could not be reached");
        }
        problem.with("service", service);
        byte[] body = problems.body(problem, incoming);
        context.set(GENERATED, Boolean.TRUE);
        if (close) {
            problems.closeAfterDrain(incoming);
        } else {
            request.release();
        }
        ProxyResponse response = request.response()
                .setStatusCode(problem.status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .setBody(Body.body(Buffer.buffer(body)));
        if (retryAfter != null) {
            response.putHeader("Retry-After", retryAfter);
        }
        if (close) {
            response.putHeader("Connection", "close");
        }
        return response;
    }
}
