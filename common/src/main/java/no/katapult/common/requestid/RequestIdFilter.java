package no.katapult.common.requestid;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

/**
 * Runs before routing and authentication, so that every answer, a 401 or an unknown path
 * included, carries the request id.
 */
@ApplicationScoped
public class RequestIdFilter {

    // Above the security filters, so the id is in place before a 401 is written.
    static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            HttpServerRequest request = ctx.request();
            String id = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
            // Downstream code (mappers, REST clients) reads the id from the request header.
            request.headers().set(RequestIds.HEADER, id);
            ctx.put(RequestIds.MDC_KEY, id);
            MDC.put(RequestIds.MDC_KEY, id);
            ctx.response().putHeader(RequestIds.HEADER, id);
            ctx.next();
        }, PRIORITY);
    }
}
