package no.katapult.application;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Stands in for catapult-registry's GET /api/v1/organisations/{orgNo}; it insists on a bearer token. */
public class RegistryStub implements QuarkusTestResourceLifecycleManager {

    public static final Map<String, String> NAMES = Map.of(
            "930000019", "Smart Innovation Norway (demo)",
            "930000027", "Media City Bergen (demo)",
            "930000035", "ProtoMore (demo)");

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/organisations/", exchange -> {
            String orgNo = exchange.getRequestURI().getPath().substring("/api/v1/organisations/".length());
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String name = NAMES.get(orgNo);
            int status = auth == null || !auth.startsWith("Bearer ") ? 401 : name == null ? 404 : 200;
            byte[] body = (status == 200
                    ? "{\"orgNo\":\"" + orgNo + "\",\"name\":\"" + name + "\",\"kind\":\"CLUSTER\",\"version\":0}"
                    : "{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.registry.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
