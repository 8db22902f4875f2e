package no.katapult.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The overlay as kubectl renders it offline, parsed with the fabric8 Kubernetes model and held against each
 * service's own configuration: a Deployment of at least two replicas per service, listening where the service
 * listens, probed at SmallRye Health's endpoints, with requests and limits; every variable it is given is one the
 * service reads, and every setting whose default is "localhost" is given; a Service, PodDisruptionBudget,
 * HorizontalPodAutoscaler and NetworkPolicy for each; the databases the URLs name exist in the CloudNativePG
 * cluster; every Secret referred to is made by an operator or documented; Keycloak and its realm are there.
 */
class ManifestTest {

    static final String OVERLAY = "deploy/k8s/overlays/production";
    /** Secrets the operators make: CloudNativePG's application user of the cluster katapult-db. */
    static final Set<String> OPERATOR_SECRETS = Set.of("katapult-db-app");

    static List<HasMetadata> objects;
    static Map<String, ServiceConfig> services;

    @BeforeAll
    static void render() throws Exception {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", OVERLAY).directory(ServiceConfig.ROOT.toFile())
                .redirectErrorStream(true).start();
        String yaml = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize finished");
        assertEquals(0, kubectl.exitValue(), () -> "kubectl kustomize " + OVERLAY + ":\n" + yaml);
        Object parsed = new KubernetesSerialization().unmarshal(yaml);
        objects = parsed instanceof KubernetesList list ? list.getItems()
                : parsed instanceof List<?> l ? l.stream().map(HasMetadata.class::cast).toList() : List.of((HasMetadata) parsed);
        services = ServiceConfig.all();
    }

    @Test
    void eachServiceRunsTwiceWhereItListensProbedAtItsHealthEndpointsWithinLimits() {
        for (ServiceConfig service : services.values()) {
            Deployment d = one(Deployment.class, service.module());
            assertTrue(d.getSpec().getReplicas() >= 2, service.module() + " has 2 replicas at least");
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            int port = listensOn(service, c);
            assertEquals(port, c.getPorts().get(0).getContainerPort(), service.module() + ": container port");
            assertTrue(service.servesHealth(), service.module() + " has quarkus-smallrye-health for its probes");
            probe(service, c.getStartupProbe(), "/q/health/started", port);
            probe(service, c.getReadinessProbe(), "/q/health/ready", port);
            probe(service, c.getLivenessProbe(), "/q/health/live", port);
            Map<String, Quantity> requests = c.getResources().getRequests();
            Map<String, Quantity> limits = c.getResources().getLimits();
            for (String resource : List.of("cpu", "memory")) {
                assertNotNull(requests.get(resource), service.module() + " requests " + resource);
                assertNotNull(limits.get(resource), service.module() + " limits " + resource);
            }
            // RSS at ready was measured at up to 280 MB (docs/performance.md): the request covers it.
            long memory = Quantity.getAmountInBytes(requests.get("memory")).longValue();
            assertTrue(memory >= (service.module().equals("gateway") ? 200L : 280L) << 20,
                    service.module() + " requests the memory it was measured to use: " + requests.get("memory"));
            assertTrue(Quantity.getAmountInBytes(limits.get("memory")).longValue() > memory, service.module() + " may grow");
        }
    }

    @Test
    void everyVariableGivenIsReadAndEveryLocalhostDefaultIsReplaced() {
        ConfigMap config = one(ConfigMap.class, "katapult-config");
        for (String key : config.getData().keySet()) {
            assertTrue(services.values().stream().anyMatch(s -> s.reads(key)), "some service reads " + key);
        }
        for (ServiceConfig service : services.values()) {
            Container c = one(Deployment.class, service.module()).getSpec().getTemplate().getSpec().getContainers().get(0);
            Set<String> given = new HashSet<>(config.getData().keySet());
            for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                assertTrue(service.reads(e.getName()), service.module() + " reads " + e.getName());
                given.add(e.getName());
            }
            assertTrue(c.getEnvFrom().stream().anyMatch(f -> f.getConfigMapRef() != null
                    && f.getConfigMapRef().getName().equals("katapult-config")), service.module() + " gets katapult-config");
            for (String local : service.localDefaults()) {
                assertTrue(given.contains(local), service.module() + " is given " + local + " (its default is localhost)");
            }
        }
    }

    @Test
    void eachServiceHasAServiceADisruptionBudgetAnAutoscalerAndOnlyTheGatewayAndItsCallersReachIt() {
        for (ServiceConfig service : services.values()) {
            String name = service.module();
            Deployment d = one(Deployment.class, name);
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            Service svc = one(Service.class, name);
            assertTrue(labels.entrySet().containsAll(svc.getSpec().getSelector().entrySet()), name + ": Service selects its pods");
            assertEquals("http", svc.getSpec().getPorts().get(0).getTargetPort().getStrVal(), name + ": Service targets http");
            assertTrue(labels.entrySet().containsAll(one(PodDisruptionBudget.class, name).getSpec().getSelector()
                    .getMatchLabels().entrySet()), name + ": PDB covers its pods");
            HorizontalPodAutoscaler hpa = one(HorizontalPodAutoscaler.class, name);
            assertEquals(name, hpa.getSpec().getScaleTargetRef().getName());
            assertTrue(hpa.getSpec().getMinReplicas() >= 2, name + ": the autoscaler keeps 2 at least");
            if (name.equals("gateway")) {
                continue;
            }
            NetworkPolicy policy = one(NetworkPolicy.class, name);
            assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
            assertTrue(labels.entrySet().containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet()));
            List<String> from = policy.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream())
                    .map(NetworkPolicyPeer::getPodSelector).filter(Objects::nonNull)
                    .map(s -> s.getMatchLabels().get("app.kubernetes.io/name")).toList();
            assertTrue(from.contains("gateway"), name + " is reachable from the gateway: " + from);
            for (String caller : from) {
                assertTrue(services.containsKey(caller), name + " lets in only suite services: " + caller);
                if (!caller.equals("gateway")) {
                    String url = services.get(name).portVariable().replace("_PORT", "_URL");
                    assertTrue(services.get(caller).reads(url), caller + " may reach " + name + " because it calls it (" + url + ")");
                }
            }
        }
    }

    @Test
    void theIngressPublishesTheApiAndTheContractButNotHealthOrMetrics() {
        Ingress ingress = one(Ingress.class, "katapult");
        IngressRule api = ingress.getSpec().getRules().stream()
                .filter(r -> r.getHttp().getPaths().stream()
                        .anyMatch(p -> "gateway".equals(p.getBackend().getService().getName())))
                .findFirst().orElseThrow();
        List<String> published = api.getHttp().getPaths().stream()
                .map(p -> p.getPathType() + " " + p.getPath()).toList();
        assertEquals(List.of("Exact /", "Prefix /api/", "Exact /q/openapi", "Prefix /q/swagger-ui"), published);
        for (String internal : List.of("/q/metrics", "/q/health/ready", "/q/dev-ui")) {
            assertTrue(api.getHttp().getPaths().stream().noneMatch(p -> matches(p, internal)), internal + " is not public");
        }
        assertTrue(api.getHttp().getPaths().stream().anyMatch(p -> matches(p, "/api/v1/bookings")));
        assertTrue(api.getHttp().getPaths().stream().anyMatch(p -> matches(p, "/q/swagger-ui/index.html")));
    }

    /** Kubernetes path matching: Exact, or Prefix by whole path elements. */
    private static boolean matches(HTTPIngressPath path, String request) {
        String p = path.getPath();
        if ("Exact".equals(path.getPathType())) {
            return request.equals(p);
        }
        String prefix = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        return request.equals(prefix) || request.startsWith(prefix + "/");
    }

    @Test
    void theDatabasesExistTheSecretsAreMadeOrDocumentedAndKeycloakHasOurRealm() throws IOException {
        Set<String> databases = new HashSet<>();
        for (GenericKubernetesResource r : generic("Database")) {
            databases.add(((Map<?, ?>) r.getAdditionalProperties().get("spec")).get("name").toString());
        }
        GenericKubernetesResource cluster = generic("Cluster").stream().filter(r -> r.getMetadata().getName().equals("katapult-db"))
                .findFirst().orElseThrow();
        Map<?, ?> initdb = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) cluster.getAdditionalProperties().get("spec")).get("bootstrap")).get("initdb");
        databases.add(initdb.get("database").toString());
        Pattern jdbc = Pattern.compile("jdbc:postgresql://katapult-db-rw:5432/([a-z_]+)");
        String readme = Files.readString(ServiceConfig.ROOT.resolve("deploy/k8s/README.md"));
        for (ServiceConfig service : services.values()) {
            Container c = one(Deployment.class, service.module()).getSpec().getTemplate().getSpec().getContainers().get(0);
            for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                if (e.getValue() != null) {
                    Matcher m = jdbc.matcher(e.getValue());
                    if (m.matches()) {
                        assertTrue(databases.contains(m.group(1)), service.module() + "'s database " + m.group(1) + " exists");
                    }
                }
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    String secret = e.getValueFrom().getSecretKeyRef().getName();
                    String key = e.getValueFrom().getSecretKeyRef().getKey();
                    assertTrue(OPERATOR_SECRETS.contains(secret) || readme.contains(secret) && readme.contains(key),
                            "the Secret " + secret + " (" + key + ") is made by an operator or documented in deploy/k8s/README.md");
                }
            }
        }
        assertFalse(generic("Keycloak").isEmpty(), "a Keycloak");
        GenericKubernetesResource realm = generic("KeycloakRealmImport").stream().findFirst().orElseThrow();
        Map<?, ?> placeholders = (Map<?, ?>) ((Map<?, ?>) realm.getAdditionalProperties().get("spec")).get("placeholders");
        for (Object p : placeholders.values()) {
            Map<?, ?> secret = (Map<?, ?>) ((Map<?, ?>) p).get("secret");
            assertTrue(readme.contains(secret.get("name").toString()) && readme.contains(secret.get("key").toString()),
                    "the realm's secret " + secret + " is documented");
        }
        if (Boolean.getBoolean("katapult.write-realm-import")) {
            RealmImport.write();
        }
        assertEquals(RealmImport.render(), Files.readString(RealmImport.FILE),
                "keycloak-realm-import.yaml is made from deploy/keycloak/catapult-realm.json; remake it with "
                        + "./mvnw -pl deploy test -Dtest=ManifestTest -Dkatapult.write-realm-import=true");
    }

    private static int listensOn(ServiceConfig service, Container c) {
        return c.getEnv() == null ? service.port() : c.getEnv().stream().filter(e -> e.getName().equals(service.portVariable()))
                .map(e -> Integer.parseInt(e.getValue())).findFirst().orElse(service.port());
    }

    private static void probe(ServiceConfig service, Probe probe, String path, int port) {
        assertNotNull(probe, service.module() + " has a probe at " + path);
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, service.module() + ": " + path + " is an HTTP probe");
        assertEquals(path, get.getPath(), service.module());
        Container c = one(Deployment.class, service.module()).getSpec().getTemplate().getSpec().getContainers().get(0);
        int probed = get.getPort().getIntVal() != null ? get.getPort().getIntVal()
                : c.getPorts().stream().filter(p -> p.getName().equals(get.getPort().getStrVal())).findFirst()
                .orElseThrow(() -> new AssertionError(service.module() + ": no port named " + get.getPort().getStrVal()))
                .getContainerPort();
        assertEquals(port, probed, service.module() + ": " + path + " is probed where the service listens");
    }

    private static <T extends HasMetadata> T one(Class<T> kind, String name) {
        List<T> found = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (kind.isInstance(o) && o.getMetadata().getName().equals(name)) {
                found.add(kind.cast(o));
            }
        }
        if (found.size() != 1) {
            fail("one " + kind.getSimpleName() + " " + name + ", found " + found.size());
        }
        return found.get(0);
    }

    private static List<GenericKubernetesResource> generic(String kind) {
        return objects.stream().filter(o -> o instanceof GenericKubernetesResource && o.getKind().equals(kind))
                .map(GenericKubernetesResource.class::cast).toList();
    }
}
