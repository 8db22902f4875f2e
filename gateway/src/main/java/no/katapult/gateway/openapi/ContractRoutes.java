package no.katapult.gateway.openapi;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.katapult.gateway.proxy.GatewayProblems;

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
        contract.snapshot().onComplete(ar -> {
            if (ar.failed()) {
                problems.write(ctx, GatewayProblems.problem(503, "service-unavailable",
                        "The merged contract is not available yet"));
                return;
            }
            HttpServerResponse response = ctx.response()
                    .putHeader("Cache-Control", "no-cache")
                    .putHeader("Content-Type", asYaml ? "application/yaml;charset=UTF-8"
                            : "application/json;charset=UTF-8");
            response.end(Buffer.buffer(asYaml ? ar.result().yaml() : ar.result().json()));
        });
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
