package no.katapult.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service reads from its environment, from its own application.properties and common's shared defaults:
 * each variable with its default (as written in {@code ${NAME:default}}), and the variable that sets its port.
 * Profile lines ({@code %test.}, {@code %dev.}) are not what a deployment runs, and are left out.
 */
record ServiceConfig(String module, int port, String portVariable, Map<String, String> variables,
                     java.util.Set<String> propertyVariables) {

    static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    static final List<String> MODULES = List.of("catapult-registry", "application-service", "facility-booking",
            "event-hub", "gateway");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern PORT = Pattern.compile("(?m)^quarkus\\.http\\.port=\\$\\{([A-Z][A-Z0-9_]*):(\\d+)}$");

    static ServiceConfig of(String module) {
        String own = read(ROOT.resolve(module).resolve("src/main/resources/application.properties"));
        String shared = read(ROOT.resolve("common/src/main/resources/META-INF/microprofile-config.properties"));
        Map<String, String> variables = new TreeMap<>();
        java.util.Set<String> properties = new java.util.TreeSet<>();
        for (String text : List.of(shared, own)) {
            for (String line : text.lines().toList()) {
                if (line.startsWith("%") || line.startsWith("#") || !line.contains("=")) {
                    continue;
                }
                // SmallRye Config also reads each property from the environment: gateway.openapi.oidc-url as
                // GATEWAY_OPENAPI_OIDC_URL.
                properties.add(line.substring(0, line.indexOf('=')).strip().replaceAll("[^A-Za-z0-9]", "_")
                        .toUpperCase(java.util.Locale.ROOT));
                Matcher m = VARIABLE.matcher(line);
                while (m.find()) {
                    variables.put(m.group(1), m.group(2) == null ? "" : m.group(2));
                }
            }
        }
        Matcher port = PORT.matcher(own);
        if (!port.find()) {
            throw new IllegalStateException(module + " sets no quarkus.http.port=${VAR:port}");
        }
        return new ServiceConfig(module, Integer.parseInt(port.group(2)), port.group(1), variables, properties);
    }

    static Map<String, ServiceConfig> all() {
        Map<String, ServiceConfig> all = new LinkedHashMap<>();
        MODULES.forEach(m -> all.put(m, of(m)));
        return all;
    }

    /** Whether the service reads this variable: one of its ${...}, or a Quarkus property in its env-var form. */
    boolean reads(String name) {
        return variables.containsKey(name) || propertyVariables.contains(name) || name.startsWith("QUARKUS_");
    }

    /** Variables whose default only makes sense on a developer's machine (localhost), which a deployment must set. */
    List<String> localDefaults() {
        return variables.entrySet().stream().filter(e -> e.getValue().contains("localhost"))
                .map(Map.Entry::getKey).toList();
    }

    /** Whether the module's pom brings SmallRye Health, which serves the probes' endpoints. */
    boolean servesHealth() {
        return read(ROOT.resolve(module).resolve("pom.xml")).contains("<artifactId>quarkus-smallrye-health</artifactId>");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
