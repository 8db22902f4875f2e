package no.katapult.deploy;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose.yml, held against each service's configuration as ManifestTest holds the cluster: every
 * variable given is read, every localhost default is replaced (but the host-facing URLs, which are localhost on
 * purpose there), the published port is where the service listens, and the health check asks /q/health/ready there.
 */
class ComposeTest {

    /** Host-facing: with compose, the browser and the mails' links do reach the gateway at localhost:8080. */
    static final Set<String> HOST_FACING = Set.of("GATEWAY_PUBLIC_URL", "GATEWAY_CORS_ORIGINS");

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceIsGivenWhatItReadsListensWherePublishedAndIsCheckedAtItsHealth() {
        // SnakeYAML resolves the file's anchors and merge keys (<<: *oidc) as compose does.
        Map<String, Object> compose = new Yaml().load(ServiceConfig.read(ServiceConfig.ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> containers = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, ServiceConfig> services = ServiceConfig.all();
        int found = 0;
        for (Map.Entry<String, Map<String, Object>> container : containers.entrySet()) {
            Object build = container.getValue().get("build");
            if (!(build instanceof Map<?, ?> b)) {
                continue;
            }
            String module = b.get("context").toString().replaceFirst("^\\./", "");
            ServiceConfig service = services.get(module);
            assertNotNull(service, container.getKey() + " builds " + module + ", one of " + services.keySet());
            found++;
            Map<String, Object> env = (Map<String, Object>) container.getValue().get("environment");
            for (String name : env.keySet()) {
                assertTrue(service.reads(name), container.getKey() + " (" + module + ") reads " + name);
            }
            for (String local : service.localDefaults()) {
                assertTrue(env.containsKey(local) || HOST_FACING.contains(local),
                        container.getKey() + " is given " + local + " (its default is localhost)");
            }
            int port = env.containsKey(service.portVariable()) ? Integer.parseInt(env.get(service.portVariable()).toString())
                    : service.port();
            List<String> ports = (List<String>) container.getValue().get("ports");
            assertTrue(ports.stream().anyMatch(p -> p.endsWith(":" + port)), container.getKey() + " publishes " + port + ": " + ports);
            String check = String.join(" ", (List<String>) ((Map<String, Object>) container.getValue().get("healthcheck")).get("test"));
            assertTrue(check.contains("/dev/tcp/127.0.0.1/" + port + " ") && check.contains("GET /q/health/ready "),
                    container.getKey() + " is checked at /q/health/ready on " + port + ": " + check);
        }
        assertEquals(services.size(), found, "every service is in docker-compose.yml");
    }
}
