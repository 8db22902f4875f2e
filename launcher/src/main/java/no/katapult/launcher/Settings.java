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
        int eventsPort,
        int keycloakPort,
        int keycloakManagementPort,
        int postgresPort,
        int controlPort,
        int mailSmtpPort,
        int mailImapPort,
        int tracesPort,
        int replicas,
        Optional<String> externalDbUrl,
        String dbUser,
        String dbPassword,
        Optional<String> externalOidcUrl,
        Optional<String> externalSmtpHost,
        Optional<String> externalOtlpEndpoint,
        String keycloakAdminUser,
        String keycloakAdminPassword,
        String keycloakVersion,
        String greenMailVersion,
        String eventsClientSecret,
        String serviceJavaOpts,
        boolean classDataSharing,
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
                port(env, "EVENTS_PORT", 8084),
                port(env, "KEYCLOAK_PORT", 8180),
                port(env, "KEYCLOAK_MANAGEMENT_PORT", 9180),
                port(env, "CATAPULT_PG_PORT", 15432),
                // The launcher's control server (./catapult stop|start|restart <part>), on 127.0.0.1 only; 0 = any free port.
                controlPort(env),
                // The local GreenMail's SMTP and IMAP ports, on 127.0.0.1.
                port(env, "CATAPULT_MAIL_SMTP_PORT", 3025),
                port(env, "CATAPULT_MAIL_IMAP_PORT", 3143),
                // The local trace receiver (OTLP/HTTP in, spans by trace id out), on 127.0.0.1.
                port(env, "CATAPULT_TRACES_PORT", 4318),
                // Instances of each domain service (./catapult up --replicas N); two gateways from 2 on.
                replicas(env),
                dbUrl,
                env.getOrDefault("CATAPULT_DB_USER", "postgres"),
                // The embedded server trusts local connections; the services still want a password value.
                env.getOrDefault("CATAPULT_DB_PASSWORD", "postgres"),
                nonBlank(env.get("CATAPULT_OIDC_URL")).map(Settings::trimSlash),
                // A real SMTP server: event-hub reads CATAPULT_SMTP_* itself and no GreenMail is started.
                nonBlank(env.get("CATAPULT_SMTP_HOST")),
                // A real OTLP/HTTP collector: the services export there and no local trace receiver is started.
                nonBlank(env.get("CATAPULT_OTLP_ENDPOINT")).map(Settings::trimSlash),
                env.getOrDefault("KC_BOOTSTRAP_ADMIN_USERNAME", "admin"),
                env.getOrDefault("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin"),
                bundled("keycloak.version"),
                bundled("greenmail.version"),
                // event-hub's client-credentials secret (Keycloak client catapult-internal); the realm's demo value.
                env.getOrDefault("EVENTS_CLIENT_SECRET", "catapult-internal-secret"),
                // Six JVMs share the machine: a capped heap keeps each one small. C1 only: a local stack starts far
                // more often than it runs long, and C1 halves the CPU of a start (bench/jvm-options.sh).
                env.getOrDefault("CATAPULT_JAVA_OPTS", "-Xmx256m -XX:TieredStopAtLevel=1"),
                // A class-data archive per service instance under the data folder (ClassDataSharing); off by default:
                // writing one stops its service for seconds, and a build makes every archive stale.
                "true".equalsIgnoreCase(env.getOrDefault("CATAPULT_CDS", "false").trim()),
                Duration.ofSeconds(number(env, "CATAPULT_START_TIMEOUT", 120)),
                Duration.ofSeconds(number(env, "CATAPULT_KEYCLOAK_TIMEOUT", 240)));
    }

    public boolean embeddedDatabase() {
        return externalDbUrl.isEmpty();
    }

    public boolean localKeycloak() {
        return externalOidcUrl.isEmpty();
    }

    /** Whether the launcher runs GreenMail for the mails (no CATAPULT_SMTP_HOST given). */
    public boolean localMail() {
        return externalSmtpHost.isEmpty();
    }

    /** Whether the launcher keeps the spans itself (no CATAPULT_OTLP_ENDPOINT given). */
    public boolean localTraces() {
        return externalOtlpEndpoint.isEmpty();
    }

    /** Where the services export their spans over OTLP/HTTP. */
    public String otlpEndpoint() {
        return externalOtlpEndpoint.orElse("http://127.0.0.1:" + tracesPort);
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

    static final int MAX_REPLICAS = 4;

    private static int replicas(Map<String, String> env) {
        int n = number(env, "CATAPULT_REPLICAS", 1);
        if (n < 1 || n > MAX_REPLICAS) {
            throw new LauncherException("CATAPULT_REPLICAS (or --replicas) must be from 1 to " + MAX_REPLICAS + ", not " + n);
        }
        return n;
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

    /** A version the build wrote into launcher.properties (the root pom's). */
    private static String bundled(String key) {
        try (InputStream in = Settings.class.getResourceAsStream("/launcher.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
