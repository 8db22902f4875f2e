package no.katapult.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Merges the services' OpenAPI documents into one contract. Pure: no I/O, so every rule is unit-testable.
 * <ul>
 *   <li>paths are kept as the services wrote them;</li>
 *   <li>components with one name and one content are kept once; with one name and different contents each
 *       copy is renamed with its service's prefix and every {@code $ref} to it is rewritten;</li>
 *   <li>the services' security schemes become one OAuth 2.0 scheme named {@value #SCHEME}, authorization code only;</li>
 *   <li>tags are grouped per service in {@code x-tagGroups};</li>
 *   <li>duplicate operationIds and paths claimed by two services are reported as errors, never overwritten
 *       silently.</li>
 * </ul>
 */
public final class OpenApiMerger {

    public static final String SCHEME = "oidc";
    static final String OPENAPI_VERSION = "3.1.0";
    static final List<String> COMPONENT_TYPES = List.of("schemas", "responses", "parameters", "examples",
            "requestBodies", "headers", "links", "callbacks", "pathItems");
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /**
     * One service's contribution.
     *
     * @param document its contract, or null if it never delivered one
     * @param stale    true when {@code document} is the last good copy because the service is down now
     */
    public record Source(String service, String schemaPrefix, JsonNode document, boolean stale) {
    }

    public record Settings(String title, String description, String version, String serverUrl, String oidcUrl,
                           String contactName, String contactEmail) {
    }

    /** The merged document and what went wrong on the way. */
    public record Result(ObjectNode document, List<String> errors, List<String> missingServices,
                         List<String> staleServices) {
    }

    public Result merge(List<Source> sources, Settings settings) {
        List<String> errors = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<Source> present = new ArrayList<>();
        Map<String, ObjectNode> docs = new LinkedHashMap<>();
        for (Source source : sources) {
            if (source.document() == null || !source.document().isObject()) {
                missing.add(source.service());
                continue;
            }
            if (source.stale()) {
                stale.add(source.service());
            }
            present.add(source);
            ObjectNode copy = source.document().deepCopy();
            normaliseSecurity(copy);
            docs.put(source.service(), copy);
        }

        Map<String, Map<String, Map<String, String>>> renames = planRenames(present, docs);
        docs.forEach((service, doc) -> applyRenames(doc, renames.getOrDefault(service, Map.of())));

        ObjectNode paths = JSON.objectNode();
        Map<String, String> pathOwner = new HashMap<>();
        Map<String, ObjectNode> components = new LinkedHashMap<>();
        Map<String, ObjectNode> tags = new LinkedHashMap<>();
        Map<String, List<String>> operationIds = new LinkedHashMap<>();
        ArrayNode tagGroups = JSON.arrayNode();

        for (Source source : present) {
            String service = source.service();
            ObjectNode doc = docs.get(service);
            Set<String> groupTags = new TreeSet<>();
            for (JsonNode tag : iterable(doc.path("tags"))) {
                String name = tag.path("name").asText(null);
                if (name != null && tag.isObject()) {
                    tags.putIfAbsent(name, (ObjectNode) tag);
                    groupTags.add(name);
                }
            }
            Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String owner = pathOwner.putIfAbsent(e.getKey(), service);
                if (owner != null) {
                    errors.add("Path " + e.getKey() + " is served by both " + owner + " and " + service
                            + "; the merged contract shows " + owner + "'s");
                    continue;
                }
                paths.set(e.getKey(), e.getValue());
                for (String method : METHODS) {
                    JsonNode op = e.getValue().get(method);
                    if (op == null || !op.isObject()) {
                        continue;
                    }
                    String id = op.path("operationId").asText(null);
                    if (id != null) {
                        operationIds.computeIfAbsent(id, k -> new ArrayList<>())
                                .add(service + " " + method.toUpperCase() + " " + e.getKey());
                    }
                    for (JsonNode tag : iterable(op.path("tags"))) {
                        groupTags.add(tag.asText());
                        tags.putIfAbsent(tag.asText(), JSON.objectNode().put("name", tag.asText()));
                    }
                }
            }
            for (String type : COMPONENT_TYPES) {
                Iterator<Map.Entry<String, JsonNode>> cit = doc.path("components").path(type).fields();
                while (cit.hasNext()) {
                    Map.Entry<String, JsonNode> e = cit.next();
                    components.computeIfAbsent(type, t -> JSON.objectNode()).putIfAbsent(e.getKey(), e.getValue());
                }
            }
            if (!groupTags.isEmpty()) {
                ObjectNode group = tagGroups.addObject();
                group.put("name", service);
                ArrayNode list = group.putArray("tags");
                groupTags.forEach(list::add);
            }
        }

        operationIds.forEach((id, uses) -> {
            if (uses.size() > 1) {
                errors.add("Duplicate operationId '" + id + "': " + String.join(", ", uses));
            }
        });

        ObjectNode out = JSON.objectNode();
        out.put("openapi", OPENAPI_VERSION);
        out.set("info", info(settings, sources, missing, stale, errors));
        out.putArray("servers").addObject().put("url", settings.serverUrl())
                .put("description", "Norsk katapult API gateway");
        ArrayNode tagArray = out.putArray("tags");
        tags.values().forEach(tagArray::add);
        out.set("paths", paths);
        ObjectNode componentsNode = out.putObject("components");
        for (String type : COMPONENT_TYPES) {
            ObjectNode byName = components.get(type);
            if (byName != null && !byName.isEmpty()) {
                componentsNode.set(type, sorted(byName));
            }
        }
        linkEventData(componentsNode.path("schemas"));
        componentsNode.putObject("securitySchemes").set(SCHEME, scheme(stripSlash(settings.oidcUrl())));
        out.set("x-tagGroups", tagGroups);
        return new Result(out, List.copyOf(errors), List.copyOf(missing), List.copyOf(stale));
    }

    /**
     * Events are served by event-hub, but their data is the producers' resources. The producers mark each schema
     * an event may carry as data ({@code x-event-data}) and event-hub marks its envelope ({@code x-event-envelope});
     * once all are in one document, the envelope's {@code data} names them, so a reader knows the shapes to expect.
     */
    static void linkEventData(JsonNode schemas) {
        List<String> data = new ArrayList<>();
        List<ObjectNode> envelopes = new ArrayList<>();
        schemas.fields().forEachRemaining(e -> {
            if (e.getValue().path("x-event-data").asBoolean(false)) {
                data.add(e.getKey());
            }
            if (e.getValue().path("x-event-envelope").asBoolean(false) && e.getValue().isObject()) {
                envelopes.add((ObjectNode) e.getValue());
            }
        });
        if (data.isEmpty()) {
            return;
        }
        for (ObjectNode envelope : envelopes) {
            JsonNode current = envelope.path("properties").path("data");
            ObjectNode linked = JSON.objectNode();
            if (current.has("description")) {
                linked.set("description", current.get("description"));
            }
            ArrayNode anyOf = linked.putArray("anyOf");
            data.stream().sorted().forEach(name -> anyOf.addObject().put("$ref", "#/components/schemas/" + name));
            ((ObjectNode) envelope.path("properties")).set("data", linked);
        }
    }

    /**
     * The part of a merged contract that one service serves: its paths and tags, with every component (a view
     * for Swagger UI's per-service list, not a contract of its own). Empty when no tag group has that name.
     */
    public static Optional<ObjectNode> slice(ObjectNode merged, String service) {
        JsonNode group = null;
        for (JsonNode g : iterable(merged.path("x-tagGroups"))) {
            if (service.equals(g.path("name").asText())) {
                group = g;
            }
        }
        if (group == null) {
            return Optional.empty();
        }
        Set<String> tags = new HashSet<>();
        group.path("tags").forEach(t -> tags.add(t.asText()));
        ObjectNode out = merged.deepCopy();
        ObjectNode paths = JSON.objectNode();
        merged.path("paths").fields().forEachRemaining(path -> {
            boolean ours = false;
            for (String method : METHODS) {
                for (JsonNode tag : iterable(path.getValue().path(method).path("tags"))) {
                    ours |= tags.contains(tag.asText());
                }
            }
            if (ours) {
                paths.set(path.getKey(), path.getValue());
            }
        });
        out.set("paths", paths);
        ArrayNode ownTags = JSON.arrayNode();
        merged.path("tags").forEach(t -> {
            if (tags.contains(t.path("name").asText())) {
                ownTags.add(t);
            }
        });
        out.set("tags", ownTags);
        out.putArray("x-tagGroups").add(group);
        ((ObjectNode) out.path("info")).put("title", merged.path("info").path("title").asText() + ": " + service);
        return Optional.of(out);
    }

    /**
     * The one way in that Swagger UI offers: OAuth 2.0 authorization code with PKCE for the public client
     * catapult-swagger. An {@code openIdConnect} scheme would make Swagger UI list every grant the realm advertises
     * (password, implicit, device code, token exchange, ...), each with a client-secret field. Partner systems use
     * client credentials, described here rather than offered, since a browser must never hold a client secret.
     */
    static ObjectNode scheme(String realm) {
        ObjectNode scheme = JSON.objectNode();
        scheme.put("type", "oauth2");
        scheme.put("description", """
                Sign in at the catapult realm (Keycloak) with the authorization code flow and PKCE. In Swagger UI the \
                client id is `catapult-swagger`, a public client with no secret. The realm roles in the token decide \
                what a caller may do:
                - `sme`: a person acting for a small or medium enterprise (token claim `org_no`);
                - `applicant`: a person acting for an applicant organisation (`org_no`);
                - `centre-operator`: staff at one catapult centre or node (`centre_code`);
                - `reviewer`: an assessor of applications (`org_no` of their employer);
                - `siva-admin`: programme administrators at Siva;
                - `partner`: a partner system such as Innovasjon Norge.

                **Partner systems** sign in machine to machine with the client credentials grant: \
                `POST %s/protocol/openid-connect/token` with `grant_type=client_credentials` \
                and their confidential client's id and secret (HTTP Basic), then send the access token as \
                `Authorization: Bearer <token>`.""".formatted(realm));
        ObjectNode code = scheme.putObject("flows").putObject("authorizationCode");
        code.put("authorizationUrl", realm + "/protocol/openid-connect/auth");
        code.put("tokenUrl", realm + "/protocol/openid-connect/token");
        ObjectNode scopes = code.putObject("scopes");
        scopes.put("openid", "Sign in with OpenID Connect (always requested)");
        scopes.put("profile", "Your name and username in the token");
        scopes.put("email", "Your e-mail address in the token, where notifications are sent");
        return scheme;
    }

    private static ObjectNode info(Settings settings, List<Source> sources, List<String> missing, List<String> stale,
                                   List<String> errors) {
        ObjectNode info = JSON.objectNode();
        info.put("title", settings.title());
        StringBuilder description = new StringBuilder(settings.description().strip());
        description.append("\n\nMerged by the gateway from the contracts of: ")
                .append(String.join(", ", sources.stream().map(Source::service).toList())).append('.');
        if (!missing.isEmpty()) {
            description.append("\n\n**Missing:** ").append(String.join(", ", missing))
                    .append(" has not delivered a contract yet, so its operations are not listed.");
        }
        if (!stale.isEmpty()) {
            description.append("\n\n**Not current:** ").append(String.join(", ", stale))
                    .append(" is unreachable; its last known contract is shown.");
        }
        info.put("description", description.toString());
        info.put("version", settings.version());
        ObjectNode contact = info.putObject("contact").put("name", settings.contactName());
        if (settings.contactEmail() != null && !settings.contactEmail().isBlank()) {
            contact.put("email", settings.contactEmail());
        }
        ArrayNode services = info.putArray("x-services");
        for (Source source : sources) {
            String status = missing.contains(source.service()) ? "missing"
                    : stale.contains(source.service()) ? "stale" : "current";
            services.addObject().put("name", source.service()).put("status", status);
        }
        if (!missing.isEmpty()) {
            ArrayNode list = info.putArray("x-missing-services");
            missing.forEach(list::add);
        }
        if (!errors.isEmpty()) {
            ArrayNode list = info.putArray("x-merge-errors");
            errors.forEach(list::add);
        }
        return info;
    }

    /**
     * Moves each document's security onto its operations under the one scheme name, and drops its own
     * schemes: the merged document declares a single scheme.
     */
    private static void normaliseSecurity(ObjectNode doc) {
        JsonNode global = doc.remove("security");
        for (JsonNode item : iterable(doc.path("paths"))) {
            for (String method : METHODS) {
                JsonNode op = item.get(method);
                if (op == null || !op.isObject()) {
                    continue;
                }
                JsonNode security = op.get("security");
                if (security == null && global != null) {
                    security = global.deepCopy();
                }
                if (security == null) {
                    // Public, said explicitly: without it a reader cannot tell public from forgotten.
                    ((ObjectNode) op).putArray("security");
                } else {
                    ObjectNode operation = (ObjectNode) op;
                    Set<String> roles = new TreeSet<>();
                    operation.set("security", renameSchemes(security, roles));
                    if (!roles.isEmpty()) {
                        describeRoles(operation, roles);
                    }
                }
            }
        }
        if (doc.path("components").isObject()) {
            ((ObjectNode) doc.get("components")).remove("securitySchemes");
        }
    }

    /**
     * One requirement of the one scheme per requirement of the service. The services list the realm roles an
     * operation allows where OAuth scopes go ({@code @RolesAllowed}); they are roles in the token, not scopes a
     * client asks for, so they move to {@code roles} and the requirement asks for no scope.
     */
    private static ArrayNode renameSchemes(JsonNode security, Set<String> roles) {
        ArrayNode out = JSON.arrayNode();
        for (JsonNode requirement : iterable(security)) {
            if (requirement.isEmpty()) {
                out.addObject(); // {} means "anonymous allowed"
                continue;
            }
            requirement.elements().forEachRemaining(list -> iterable(list).forEach(s -> roles.add(s.asText())));
            out.addObject().putArray(SCHEME);
        }
        return out;
    }

    /** The roles in {@code x-roles}, and said in the description, where Swagger UI shows them. */
    private static void describeRoles(ObjectNode operation, Set<String> roles) {
        ArrayNode list = operation.putArray("x-roles");
        roles.forEach(list::add);
        // "**" is Quarkus's "any authenticated caller".
        String sentence = roles.contains("**") ? "Any signed-in caller."
                : "Roles: " + roles.stream().map(r -> "`" + r + "`").collect(Collectors.joining(", ")) + ".";
        String description = operation.path("description").asText("").strip();
        operation.put("description", description.isEmpty() ? sentence : description + "\n\n" + sentence);
    }

    /**
     * Decides, per service, which component names must change. Repeats until nothing changes, because
     * renaming one schema changes the content of every schema that refers to it.
     */
    private static Map<String, Map<String, Map<String, String>>> planRenames(List<Source> sources,
                                                                            Map<String, ObjectNode> docs) {
        Map<String, Map<String, Map<String, String>>> renames = new HashMap<>();
        Set<String> taken = new HashSet<>();
        for (ObjectNode doc : docs.values()) {
            for (String type : COMPONENT_TYPES) {
                doc.path("components").path(type).fieldNames().forEachRemaining(n -> taken.add(type + "/" + n));
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String type : COMPONENT_TYPES) {
                Map<String, Map<String, JsonNode>> variants = new LinkedHashMap<>();
                for (Source source : sources) {
                    ObjectNode doc = docs.get(source.service());
                    Map<String, String> own = renames.getOrDefault(source.service(), Map.of())
                            .getOrDefault(type, Map.of());
                    Iterator<Map.Entry<String, JsonNode>> it = doc.path("components").path(type).fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> e = it.next();
                        if (own.containsKey(e.getKey())) {
                            continue;
                        }
                        JsonNode content = e.getValue().deepCopy();
                        rewriteRefs(content, renames.getOrDefault(source.service(), Map.of()));
                        variants.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).put(source.service(), content);
                    }
                }
                for (Map.Entry<String, Map<String, JsonNode>> e : variants.entrySet()) {
                    if (e.getValue().size() < 2 || new HashSet<>(e.getValue().values()).size() == 1) {
                        continue;
                    }
                    for (Source source : sources) {
                        if (!e.getValue().containsKey(source.service())) {
                            continue;
                        }
                        String renamed = freeName(source.schemaPrefix() + e.getKey(), type, taken);
                        renames.computeIfAbsent(source.service(), s -> new HashMap<>())
                                .computeIfAbsent(type, t -> new HashMap<>()).put(e.getKey(), renamed);
                        changed = true;
                    }
                }
            }
        }
        return renames;
    }

    private static String freeName(String wanted, String type, Set<String> taken) {
        String name = wanted;
        for (int i = 2; taken.contains(type + "/" + name); i++) {
            name = wanted + i;
        }
        taken.add(type + "/" + name);
        return name;
    }

    private static void applyRenames(ObjectNode doc, Map<String, Map<String, String>> renames) {
        if (renames.isEmpty()) {
            return;
        }
        rewriteRefs(doc, renames);
        JsonNode components = doc.path("components");
        renames.forEach((type, byName) -> {
            if (!(components.get(type) instanceof ObjectNode section)) {
                return;
            }
            ObjectNode renamed = JSON.objectNode();
            section.fields().forEachRemaining(e -> renamed.set(byName.getOrDefault(e.getKey(), e.getKey()),
                    e.getValue()));
            ((ObjectNode) components).set(type, renamed);
        });
    }

    /** Rewrites every local {@code $ref} (and discriminator mapping) that points at a renamed component. */
    static void rewriteRefs(JsonNode node, Map<String, Map<String, String>> renames) {
        if (renames.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> it = object.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual() && e.getKey().equals("$ref")) {
                    String rewritten = rewriteRef(e.getValue().asText(), renames);
                    if (rewritten != null) {
                        e.setValue(TextNode.valueOf(rewritten));
                    }
                } else {
                    rewriteRefs(e.getValue(), renames);
                }
            }
            if (object.get("mapping") instanceof ObjectNode mapping) {
                mapping.fields().forEachRemaining(e -> {
                    String rewritten = e.getValue().isTextual() ? rewriteRef(e.getValue().asText(), renames) : null;
                    if (rewritten != null) {
                        e.setValue(TextNode.valueOf(rewritten));
                    }
                });
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renames));
        }
    }

    private static String rewriteRef(String ref, Map<String, Map<String, String>> renames) {
        if (!ref.startsWith("#/components/")) {
            return null;
        }
        String rest = ref.substring("#/components/".length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String type = rest.substring(0, slash);
        String nameAndTail = rest.substring(slash + 1);
        int tail = nameAndTail.indexOf('/');
        String name = tail < 0 ? nameAndTail : nameAndTail.substring(0, tail);
        String renamed = renames.getOrDefault(type, Map.of()).get(name);
        if (renamed == null) {
            return null;
        }
        return "#/components/" + type + "/" + renamed + (tail < 0 ? "" : nameAndTail.substring(tail));
    }

    private static ObjectNode sorted(ObjectNode byName) {
        ObjectNode out = JSON.objectNode();
        new TreeSet<>(iterableNames(byName)).forEach(name -> out.set(name, byName.get(name)));
        return out;
    }

    private static List<String> iterableNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? List.of() : node::elements;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
