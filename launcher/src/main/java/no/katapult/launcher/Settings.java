package no.katapult.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Everything a user may change, read once from the environment. Names match the services' own env vars. */
public record Settings(
        Path root,
        Path dataDir,
        int gatewayPort,
        int registryPort,
        int applicationPort,
        int bookingPort,
        int keycloakPort,
        int keycloakManagementPort,
        int postgresPort,
        int controlPort,
        Optional<String> externalDbUrl,
        String dbUser,
        String dbPassword,
        Optional<String> externalOidcUrl,
        String keycloakAdminUser,
        String keycloakAdminPassword,
        String keycloakVersion,
        String serviceJavaOpts,
        Duration serviceTimeout,
        Duration keycloakTimeout) {

    public static Settings from(Map<String, String> env, Path root) {
        Path dataDir = Path.of(env.getOrDefault("CATAPULT_DATA_DIR", root.resolve(".catapult").toString()))
                .toAbsolutePath().normalize();
        Optional<String> dbUrl = nonBlank(env.get("CATAPULT_DB_URL"));
        return new Settings(
                root,
                dataDir,
                port(env, "GATEWAY_PORT", 8080),
                port(env, "REGISTRY_PORT", 8081),
                port(env, "APPLICATION_PORT", 8082),
                port(env, "BOOKING_PORT", 8083),
                port(env, "KEYCLOAK_PORT", 8180),
                port(env, "KEYCLOAK_MANAGEMENT_PORT", 9180),
                port(env, "CATAPULT_PG_PORT", 15432),
                // The launcher's control server (./catapult stop|start|restart <part>), on 127.0.0.1 only; 0 = any free port.
                controlPort(env),
                dbUrl,
                env.getOrDefault("CATAPULT_DB_USER", "postgres"),
                // The embedded server trusts local connections; the services still want a password value.
                env.getOrDefault("CATAPULT_DB_PASSWORD", "postgres"),
                nonBlank(env.get("CATAPULT_OIDC_URL")).map(Settings::trimSlash),
                env.getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                env.getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"),
                bundledKeycloakVersion(),
                // Five JVMs share the machine: a capped heap keeps each one small.
                env.getOrDefault("CATAPULT_JAVA_OPTS", "-Xmx256m"),
                Duration.ofSeconds(number(env, "CATAPULT_START_TIMEOUT", 120)),
                Duration.ofSeconds(number(env, "CATAPULT_KEYCLOAK_TIMEOUT", 240)));
    }

    public boolean embeddedDatabase() {
        return externalDbUrl.isEmpty();
    }

    public boolean localKeycloak() {
        return externalOidcUrl.isEmpty();
    }

    /** The realm URL the services validate tokens against. */
    public String oidcUrl() {
        return externalOidcUrl.orElse("http://localhost:" + keycloakPort + "/realms/catapult");
    }

    public String tokenUrl() {
        return oidcUrl() + "/protocol/openid-connect/token";
    }

    public String discoveryUrl() {
        return oidcUrl() + "/.well-known/openid-configuration";
    }

    public String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    /** A JDBC URL for one database on the server in use, keeping any query parameters of CATAPULT_DB_URL. */
    public String jdbcUrl(String database) {
        String base = externalDbUrl.orElse("jdbc:postgresql://localhost:" + postgresPort + "/");
        int query = base.indexOf('?');
        String params = query < 0 ? "" : base.substring(query);
        String server = query < 0 ? base : base.substring(0, query);
        // Drop a database the URL may already name: jdbc:postgresql://host:port/db -> jdbc:postgresql://host:port/
        int slash = server.indexOf('/', "jdbc:postgresql://".length());
        server = slash < 0 ? server + "/" : server.substring(0, slash + 1);
        return server + database + params;
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        int value = number(env, name, fallback);
        if (value < 1 || value > 65535) {
            throw new LauncherException(name + "=" + value + " is not a TCP port");
        }
        return value;
    }

    private static int controlPort(Map<String, String> env) {
        int value = number(env, "CATAPULT_CONTROL_PORT", 9190);
        return value == 0 ? 0 : port(env, "CATAPULT_CONTROL_PORT", 9190);
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new LauncherException(name + "=" + raw + " is not a number");
        }
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String bundledKeycloakVersion() {
        try (InputStream in = Settings.class.getResourceAsStream("/launcher.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("keycloak.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
