package no.katapult.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The cluster's KeycloakRealmImport, made from the realm the local stack and docker-compose import
 * (deploy/keycloak/catapult-realm.json), so that the two cannot drift: the same roles, scopes, mappers and
 * clients, without the demo people (service accounts stay), with the confidential clients' secrets as
 * placeholders the Keycloak Operator fills from the Secret katapult-clients, TLS required, and Swagger UI's
 * redirect at the public gateway. ManifestTest checks that the committed file is this, and writes it when
 * asked to (-Dkatapult.write-realm-import=true).
 */
final class RealmImport {

    static final Path REALM = ServiceConfig.ROOT.resolve("deploy/keycloak/catapult-realm.json");
    static final Path FILE = ServiceConfig.ROOT.resolve("deploy/k8s/base/keycloak-realm-import.yaml");
    static final String PUBLIC_GATEWAY = "https://api.katapult.example.no";
    /** Confidential client -> the key of its secret in the Secret katapult-clients (and the placeholder). */
    static final Map<String, String> CLIENT_SECRETS = Map.of(
            "catapult-internal", "events-client-secret",
            "innovasjon-norge", "innovasjon-norge-secret");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private RealmImport() {
    }

    static ObjectNode build() throws IOException {
        ObjectNode realm = (ObjectNode) JSON.readTree(REALM.toFile());
        realm.put("sslRequired", "external");
        ArrayNode users = (ArrayNode) realm.get("users");
        for (int i = users.size() - 1; i >= 0; i--) {
            if (!users.get(i).path("username").asText().startsWith("service-account-")) {
                users.remove(i);
            }
        }
        ObjectNode placeholders = JSON.createObjectNode();
        for (JsonNode client : realm.path("clients")) {
            String id = client.path("clientId").asText();
            String key = CLIENT_SECRETS.get(id);
            if (key != null) {
                String placeholder = key.toUpperCase().replace('-', '_');
                ((ObjectNode) client).put("secret", "${" + placeholder + "}");
                placeholders.putObject(placeholder).putObject("secret").put("name", "katapult-clients").put("key", key);
            } else if (client.has("secret")) {
                throw new IllegalStateException("client " + id + " has a secret that has no place in katapult-clients");
            }
            if (id.equals("catapult-swagger")) {
                ((ObjectNode) client).putArray("redirectUris").add(PUBLIC_GATEWAY + "/*");
                ((ObjectNode) client).putArray("webOrigins").add("+");
            }
        }
        ObjectNode doc = JSON.createObjectNode().put("apiVersion", "k8s.keycloak.org/v2alpha1").put("kind", "KeycloakRealmImport");
        doc.putObject("metadata").put("name", "catapult");
        ObjectNode spec = doc.putObject("spec").put("keycloakCRName", "keycloak");
        spec.set("placeholders", placeholders);
        spec.set("realm", realm);
        return doc;
    }

    static String render() throws IOException {
        return "# Made from deploy/keycloak/catapult-realm.json by the deploy module's RealmImport; do not edit. To remake:\n"
                + "# ./mvnw -pl deploy test -Dtest=ManifestTest -Dkatapult.write-realm-import=true\n"
                + YAML.writeValueAsString(build());
    }

    static void write() throws IOException {
        Files.writeString(FILE, render());
    }
}
