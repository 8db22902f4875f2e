package no.katapult.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.katapult.gateway.routing.GatewayConfig;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.Instance;
import no.katapult.gateway.routing.RouteTable.UpstreamService;
import no.katapult.gateway.upstream.Upstreams;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the merged contract: fetches every service's document at start and periodically (from any of its
 * instances), keeps the last good copy of each, and re-merges. A failed fetch never empties the contract.
 */
@ApplicationScoped
public class MergedContract {

    private static final Logger LOG = Logger.getLogger(MergedContract.class);
    /** How soon a request for the contract may trigger another fetch while a service is missing. */
    private static final long RETRY_MISSING_MILLIS = 2_000;

    @Inject
    GatewayConfig config;

    @Inject
    RouteTable routes;

    @Inject
    ObjectMapper mapper;

    @Inject
    Vertx vertx;

    @Inject
    Upstreams upstreams;

    // Every string value quoted: an unquoted example such as 2027-01-11 would be read back as a date, not a string.
    private final YAMLMapper yaml = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private final OpenApiMerger merger = new OpenApiMerger();
    private final Map<String, JsonNode> lastGood = new ConcurrentHashMap<>();
    private HttpClient client;
    private long timer = -1;
    private volatile Snapshot current;
    private volatile long lastAttempt;
    private Future<Snapshot> inFlight;
    private List<String> lastErrors = List.of();

    void start(@Observes StartupEvent event) {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.openapi().fetchTimeout().toMillis())
                .setKeepAlive(false));
        refresh();
        timer = vertx.setPeriodic(config.openapi().refreshInterval().toMillis(), id -> refresh());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (client != null) {
            client.close();
        }
    }

    /** The contract to serve now; waits for a fetch first when there is none yet or a service is missing. */
    public Future<Snapshot> snapshot() {
        Snapshot snapshot = current;
        if (snapshot == null) {
            return refresh();
        }
        if (!snapshot.result().missingServices().isEmpty()
                && System.currentTimeMillis() - lastAttempt > RETRY_MISSING_MILLIS) {
            return refresh();
        }
        return Future.succeededFuture(snapshot);
    }

    /** Fetches every service's contract and merges; concurrent callers share one round. */
    public synchronized Future<Snapshot> refresh() {
        if (inFlight != null) {
            return inFlight;
        }
        lastAttempt = System.currentTimeMillis();
        List<UpstreamService> services = routes.services().stream().filter(UpstreamService::mergeOpenapi).toList();
        List<Future<Boolean>> fetches = new ArrayList<>();
        for (UpstreamService service : services) {
            fetches.add(fetch(service).map(doc -> {
                lastGood.put(service.name(), doc);
                return Boolean.TRUE;
            }).otherwise(err -> {
                LOG.debugf("Contract of %s not fetched: %s", service.name(), err.getMessage());
                return Boolean.FALSE;
            }));
        }
        Promise<Snapshot> promise = Promise.promise();
        inFlight = promise.future();
        Future.join(fetches).onComplete(done -> vertx.<Snapshot>executeBlocking(() -> {
            List<OpenApiMerger.Source> sources = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                UpstreamService service = services.get(i);
                boolean fresh = Boolean.TRUE.equals(fetches.get(i).result());
                sources.add(new OpenApiMerger.Source(service.name(), service.schemaPrefix(),
                        lastGood.get(service.name()), !fresh));
            }
            return merge(sources);
        }, false).onComplete(ar -> {
            synchronized (this) {
                inFlight = null;
            }
            if (ar.succeeded()) {
                current = ar.result();
                promise.complete(ar.result());
            } else {
                LOG.error("Merging the OpenAPI contracts failed", ar.cause());
                if (current != null) {
                    promise.complete(current);
                } else {
                    promise.fail(ar.cause());
                }
            }
        }));
        return promise.future();
    }

    private Snapshot merge(List<OpenApiMerger.Source> sources) throws Exception {
        OpenApiMerger.Result result = merger.merge(sources, settings(config));
        if (!result.errors().equals(lastErrors)) {
            // Logged once per change, not on every refresh.
            result.errors().forEach(error -> LOG.errorf("OpenAPI merge: %s", error));
            lastErrors = result.errors();
        }
        Map<String, byte[]> jsonByService = new HashMap<>();
        Map<String, byte[]> yamlByService = new HashMap<>();
        for (JsonNode group : result.document().path("x-tagGroups")) {
            String service = group.path("name").asText();
            ObjectNode slice = OpenApiMerger.slice(result.document(), service).orElseThrow();
            jsonByService.put(service, mapper.writeValueAsBytes(slice));
            yamlByService.put(service, yaml.writeValueAsBytes(slice));
        }
        return new Snapshot(result, mapper.writeValueAsBytes(result.document()),
                yaml.writeValueAsBytes(result.document()), jsonByService, yamlByService);
    }

    /** The merge's settings from the gateway's configuration; {@link ContractFile} merges with the same. */
    static OpenApiMerger.Settings settings(GatewayConfig config) {
        GatewayConfig.OpenApi openapi = config.openapi();
        return new OpenApiMerger.Settings(openapi.title(), openapi.description(), openapi.version(),
                config.publicUrl().toString(), openapi.oidcUrl(), openapi.contactName(),
                openapi.contactEmail().orElse(null));
    }

    /** Any instance's contract will do: those that get requests first, the next one when one fails. */
    private Future<JsonNode> fetch(UpstreamService service) {
        List<Instance> order = new ArrayList<>(service.instances());
        order.sort(Comparator.comparing((Instance i) -> !upstreams.available(i)));
        return fetchFrom(service, order, 0);
    }

    private Future<JsonNode> fetchFrom(UpstreamService service, List<Instance> order, int index) {
        Instance instance = order.get(index);
        return fetch(service, instance).recover(err -> {
            LOG.debugf("Contract of %s not fetched: %s", instance, err.getMessage());
            return index + 1 < order.size() ? fetchFrom(service, order, index + 1) : Future.failedFuture(err);
        });
    }

    private Future<JsonNode> fetch(UpstreamService service, Instance instance) {
        long timeout = config.openapi().fetchTimeout().toMillis();
        return client.request(new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setHost(instance.host())
                        .setPort(instance.port())
                        .setSsl(instance.ssl())
                        .setURI(service.openapiPath())
                        .setTimeout(timeout)
                        .putHeader("Accept", "application/json"))
                .compose(request -> request.send())
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return response.end().transform(x -> Future.failedFuture(
                                "HTTP " + response.statusCode() + " from " + service.openapiPath()));
                    }
                    return response.body();
                })
                .compose(body -> {
                    try {
                        JsonNode doc = mapper.readTree(body.getBytes());
                        if (doc == null || !doc.isObject() || !doc.has("openapi")) {
                            return Future.failedFuture("not an OpenAPI document");
                        }
                        return Future.succeededFuture(doc);
                    } catch (Exception e) {
                        return Future.failedFuture(e);
                    }
                });
    }

    /** A merged contract with its serialised forms, computed once per merge. */
    public record Snapshot(OpenApiMerger.Result result, byte[] json, byte[] yaml, Map<String, byte[]> jsonByService,
                           Map<String, byte[]> yamlByService) {
    }
}
