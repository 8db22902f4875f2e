package no.katapult.gateway.openapi;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.katapult.gateway.problem.GatewayProblems;

import java.util.TreeSet;

/**
 * Serves the merged contract at /q/openapi and sends / to the Swagger UI. The built-in SmallRye endpoint is
 * switched off (quarkus.smallrye-openapi.enabled=false) and this route is ordered ahead of the /q sub-router,
 * so the Swagger UI, which loads /q/openapi, shows the merged document.
 */
@ApplicationScoped
public class ContractRoutes {

    static final int ROUTE_ORDER = -20;

    @Inject
    MergedContract contract;

    @Inject
    GatewayProblems problems;

    void register(@Observes Router router) {
        router.get("/q/openapi").order(ROUTE_ORDER).handler(this::serve);
        router.route("/").method(HttpMethod.GET).method(HttpMethod.HEAD).order(ROUTE_ORDER)
                .handler(ctx -> ctx.response().setStatusCode(302).putHeader("Location", "/q/swagger-ui/").end());
    }

    private void serve(RoutingContext ctx) {
        boolean asYaml = wantsYaml(ctx);
        String service = ctx.request().getParam("service");
        contract.snapshot().onComplete(ar -> {
            if (ar.failed()) {
                problems.write(ctx, GatewayProblems.problem(503, "service-unavailable",
                        "The merged contract is not available yet"));
                return;
            }
            MergedContract.Snapshot snapshot = ar.result();
            byte[] body = service == null ? (asYaml ? snapshot.yaml() : snapshot.json())
                    : (asYaml ? snapshot.yamlByService() : snapshot.jsonByService()).get(service);
            if (body == null) {
                problems.write(ctx, GatewayProblems.problem(404, "not-found", "No service named '" + service
                        + "' is in the merged contract; known: " + String.join(", ",
                        new TreeSet<>(snapshot.jsonByService().keySet()))));
                return;
            }
            HttpServerResponse response = ctx.response()
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("Content-Type", asYaml ? yamlType(ctx) : "application/json;charset=UTF-8")
                    .putHeader("Vary", "Accept");
            response.end(Buffer.buffer(body));
        });
    }

    /**
     * application/yaml (RFC 9512) for clients that ask for it; a browser, which would save that to a file instead
     * of showing it, gets the same text as text/plain.
     */
    static String yamlType(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        boolean browser = accept != null && accept.contains("text/html") && !accept.contains("yaml");
        return browser ? "text/plain;charset=UTF-8" : "application/yaml;charset=UTF-8";
    }

    private static boolean wantsYaml(RoutingContext ctx) {
        String format = ctx.request().getParam("format");
        if (format != null) {
            return format.equalsIgnoreCase("yaml") || format.equalsIgnoreCase("yml");
        }
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.contains("yaml") && !accept.contains("json");
    }
}
