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
import no.katapult.common.problem.ProblemMember;
import no.katapult.gateway.metrics.GatewayMetrics;
import no.katapult.gateway.problem.GatewayProblems;
import no.katapult.gateway.resilience.CircuitBreakers;
import no.katapult.gateway.resilience.UpstreamException;
import no.katapult.gateway.resilience.UpstreamException.Kind;
import no.katapult.gateway.routing.RouteTable.GatewayRoute;
import no.katapult.gateway.routing.RouteTable.Instance;
import no.katapult.gateway.upstream.Upstreams;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * One exchange with a service: forwarding headers on the way in, hop-by-hop headers stripped both ways, one
 * attempt per instance (chosen by {@link Upstreams}) inside that instance's circuit breaker, and failures turned
 * into problems that name the service.
 *
 * <p>When no connection to an instance can be made (refused, no route, connect timeout), nothing of the request
 * has left the gateway: its body is still paused in the inbound connection. Such a request goes on to the next
 * instance if {@link RetryPolicy} allows it. A safe request (GET, HEAD, OPTIONS) whose connection broke before any
 * answer goes on too; any other failure once a connection was made ends the exchange. An instance whose breaker turns out open is skipped for every request, since nothing was sent.
 */
final class UpstreamExchange implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(UpstreamExchange.class);

    private static final String ATTEMPT = "katapult.attempt";
    private static final String BODY_TOO_LARGE = "katapult.bodyTooLarge";
    private static final String GENERATED = "katapult.generated";

    /** RFC 9110 section 7.6.1; vertx-http-proxy drops some of them, and none from responses. */
    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    private final GatewayRoute route;
    private final String service;
    private final Upstreams upstreams;
    private final CircuitBreakers breakers;
    private final GatewayProblems problems;
    private final BodyLimits bodyLimits;
    private final GatewayMetrics metrics;
    private final OriginRequestProvider origin;

    UpstreamExchange(GatewayRoute route, Upstreams upstreams, CircuitBreakers breakers, GatewayProblems problems,
                     BodyLimits bodyLimits, GatewayMetrics metrics, OriginRequestProvider origin) {
        this.metrics = metrics;
        this.origin = origin;
        this.route = route;
        this.service = route.service().name();
        this.upstreams = upstreams;
        this.breakers = breakers;
        this.problems = problems;
        this.bodyLimits = bodyLimits;
    }

    /** Connects to the instance of the current attempt. */
    static OriginRequestProvider origin(UpstreamClients clients, long connectTimeout, long timeout) {
        return context -> {
            Attempt attempt = context.get(ATTEMPT, Attempt.class);
            Instance instance = attempt.instance;
            return clients.current().request(new RequestOptions()
                            .setServer(SocketAddress.inetSocketAddress(instance.port(), instance.host()))
                            .setHost(instance.host())
                            .setPort(instance.port())
                            .setSsl(instance.ssl())
                            .setConnectTimeout(connectTimeout)
                            .setIdleTimeout(timeout))
                    .onSuccess(request -> {
                        attempt.connected = true;
                        // Failures reach the exchange through the response future; this only keeps Vert.x from
                        // logging a reset (e.g. after a 413 mid-stream) as an unhandled error.
                        request.exceptionHandler(err -> LOG.debugf("Upstream request failed: %s", err.getMessage()));
                    });
        };
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        HttpServerRequest incoming = request.proxiedRequest();
        // X-Forwarded-* are already set (GatewayProxy); hop-by-hop headers stay with this connection.
        stripHopByHop(request.headers());
        // The caller's trace context is already the parent of the gateway's span; the upstream call's own
        // traceparent (child of that span) is added by the HTTP client's tracer, and two would confuse the service.
        request.headers().remove(TRACEPARENT).remove(TRACESTATE);
        long maxBody = bodyLimits.limitFor(incoming);
        if (maxBody > 0 && request.getBody() != null && request.getBody().length() < 0
                && "chunked".equalsIgnoreCase(incoming.getHeader("Transfer-Encoding"))) {
            request.setBody(Body.body(new LimitedReadStream(incoming, maxBody,
                    () -> context.set(BODY_TOO_LARGE, Boolean.TRUE)), -1));
        }
        boolean retryable = RetryPolicy.mayRetryOnAnotherInstance(incoming.method(), incoming.headers());
        return attempt(context, upstreams.candidates(route.service()), 0, retryable, null)
                .recover(err -> err instanceof UpstreamException u && u.response() instanceof ProxyResponse own
                        ? Future.succeededFuture(own)
                        : Future.succeededFuture(problemResponse(context, err)));
    }

    /** Tries candidates[index], then the next ones while nothing has been sent and the request may go on. */
    private Future<ProxyResponse> attempt(ProxyContext context, List<Instance> candidates, int index,
                                          boolean retryable, Throwable previous) {
        return attempt(context, candidates, index, retryable, previous, false);
    }

    /** {@code fresh}: an earlier attempt sent the request, so this one sends it as a new ProxyRequest (resend). */
    private Future<ProxyResponse> attempt(ProxyContext context, List<Instance> candidates, int index,
                                          boolean retryable, Throwable previous, boolean fresh) {
        if (index >= candidates.size()) {
            return Future.failedFuture(previous != null ? previous
                    : new CircuitBreakerOpenException("every instance of " + service + " has an open circuit breaker"));
        }
        Instance instance = candidates.get(index);
        Attempt attempt = new Attempt(instance, fresh);
        context.set(ATTEMPT, attempt);
        return breakers.call(instance, () -> {
                    upstreams.started(instance);
                    return (attempt.fresh ? resend(context) : context.sendRequest())
                            .andThen(ar -> upstreams.finished(instance))
                            .recover(err -> {
                                UpstreamException failure = classify(context, attempt, err);
                                metrics.upstreamFailed(instance, failure.kind().name().toLowerCase(Locale.ROOT));
                                return Future.failedFuture(failure);
                            })
                            .onSuccess(response -> metrics.upstreamAnswered(instance, response.getStatusCode()))
                            .compose(UpstreamExchange::failOnServerError);
                })
                .recover(err -> {
                    // The most telling failure is reported if every instance fails: unreachable over breaker open.
                    Throwable worst = previous != null && err instanceof CircuitBreakerOpenException ? previous : err;
                    boolean more = index + 1 < candidates.size();
                    if (err instanceof CircuitBreakerOpenException) {
                        // Half-open and busy with its trial call: nothing was sent, so any request may go on.
                        return attempt(context, candidates, index + 1, retryable, worst, fresh);
                    }
                    HttpServerRequest inbound = context.request().proxiedRequest();
                    if (err instanceof UpstreamException u && u.kind() == Kind.BROKEN && more
                            && RetryPolicy.mayResendAfterBrokenConnection(inbound.method(), inbound.headers())
                            && !inbound.response().closed()) {
                        LOG.debugf("%s -> %s broke the connection before answering (%s); trying another instance",
                                inbound.path(), instance, u.getMessage());
                        return attempt(context, candidates, index + 1, retryable, worst, true);
                    }
                    if (err instanceof UpstreamException u && u.kind() == Kind.UNREACHABLE) {
                        if (isRefused(u)) {
                            upstreams.refused(instance, u.getMessage());
                        }
                        HttpServerRequest incoming = context.request().proxiedRequest();
                        if (more && retryable && !incoming.response().closed()) {
                            LOG.debugf("%s %s -> %s unreachable (%s); trying another instance", incoming.method(),
                                    incoming.path(), instance, u.getMessage());
                            return attempt(context, candidates, index + 1, retryable, worst, fresh);
                        }
                    }
                    return Future.failedFuture(worst);
                });
    }

    /**
     * Sends the request once more, after an attempt whose connection broke, as a new ProxyRequest of the same
     * inbound request. vertx-http-proxy's ProxyRequest keeps the origin request of its latest send in a field, and
     * the handlers of an earlier send (its body pipe, the inbound response's exception handler) reset whatever that
     * field holds when they fail late: sent again through the same ProxyRequest, this attempt's request would be
     * reset while the instance answers it ("Stream reset: 0"). The request is safe and has no body (RetryPolicy),
     * and the inbound stream was read by the first attempt, so it goes without one.
     */
    private Future<ProxyResponse> resend(ProxyContext context) {
        ProxyRequest sent = context.request();
        ProxyRequest again = ProxyRequest.reverseProxy(sent.proxiedRequest())
                .setMethod(sent.getMethod())
                .setURI(sent.getURI())
                .setBody(Body.body(Buffer.buffer()));
        if (sent.getAuthority() != null) {
            again.setAuthority(sent.getAuthority());
        }
        again.headers().clear().addAll(sent.headers());
        return origin.create(context).compose(again::send);
    }

    private static boolean isRefused(UpstreamException u) {
        for (Throwable t = u.getCause(); t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** A 5xx counts against the service's breaker (it is failing), yet the client still gets its answer. */
    private static Future<ProxyResponse> failOnServerError(ProxyResponse response) {
        int status = response.getStatusCode();
        return status >= 500 && status != 501 && status != 505
                ? Future.failedFuture(UpstreamException.serverError(status, response))
                : Future.succeededFuture(response);
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

    private UpstreamException classify(ProxyContext context, Attempt attempt, Throwable err) {
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
        if (!attempt.connected) {
            return new UpstreamException(Kind.UNREACHABLE, String.valueOf(err.getMessage()), err);
        }
        if (err instanceof TimeoutException && !context.request().proxiedRequest().isEnded()) {
            // The service was waiting for the rest of the body: a slow client must not open the breaker.
            return new UpstreamException(Kind.CLIENT_TOO_SLOW, "the client stopped sending its body", err);
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
                    problem = GatewayProblems.problem(503, "service-unavailable", service
                            + " is not reachable; the request was not forwarded");
                    retryAfter = "1";
                }
                case TIMEOUT -> problem = GatewayProblems.problem(504, "gateway-timeout", service
                        + " did not answer within " + route.timeout().toMillis() + " ms");
                case BODY_TOO_LARGE -> {
                    problem = GatewayProblems.tooLargeProblem(bodyLimits.limitFor(incoming));
                    close = true;
                }
                case CLIENT_GONE -> problem = GatewayProblems.problem(499, "client-closed-request",
                        "The client closed the connection before " + service + " answered");
                case CLIENT_TOO_SLOW -> {
                    problem = GatewayProblems.problem(408, "request-timeout",
                            "The request body did not arrive in time (" + route.timeout().toMillis() + " ms)");
                    close = true;
                }
                default -> problem = GatewayProblems.problem(502, "bad-gateway", service
                        + " closed the connection before answering");
            }
            if (u.kind().serviceFailure()) {
                Attempt attempt = context.get(ATTEMPT, Attempt.class);
                LOG.warnf("%s %s -> %s: %s (%s)", incoming.method(), incoming.path(),
                        attempt == null ? service : attempt.instance, u.kind(), u.getMessage());
            }
        } else {
            LOG.errorf(err, "Unexpected failure proxying %s %s to %s", incoming.method(), incoming.path(), service);
            problem = GatewayProblems.problem(502, "bad-gateway", service + " could not be reached");
        }
        problem.with(ProblemMember.SERVICE, service);
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

    /** One try of one instance; {@code connected} once a connection to it was made (its body may then flow). */
    private static final class Attempt {
        final Instance instance;
        final boolean fresh;
        boolean connected;

        Attempt(Instance instance, boolean fresh) {
            this.instance = instance;
            this.fresh = fresh;
        }
    }
}
