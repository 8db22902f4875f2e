package no.katapult.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsStartEverythingLocally() {
        Settings s = Settings.from(Map.of(), ROOT);
        assertEquals(8080, s.gatewayPort());
        assertEquals(8081, s.registryPort());
        assertEquals(8082, s.applicationPort());
        assertEquals(8083, s.bookingPort());
        assertEquals(8084, s.eventsPort());
        assertEquals("catapult-internal-secret", s.eventsClientSecret(), "the realm's demo secret");
        assertEquals(8180, s.keycloakPort());
        assertEquals(9180, s.keycloakManagementPort());
        assertEquals(15432, s.postgresPort());
        assertEquals(9190, s.controlPort());
        assertTrue(s.embeddedDatabase());
        assertTrue(s.localKeycloak());
        assertEquals(Path.of("/repo/.catapult"), s.dataDir());
        assertEquals("http://localhost:8180/realms/catapult", s.oidcUrl());
        assertEquals("http://localhost:8180/realms/catapult/protocol/openid-connect/token", s.tokenUrl());
        assertEquals("jdbc:postgresql://localhost:15432/catapult_booking", s.jdbcUrl("catapult_booking"));
        assertEquals("26.5.6", s.keycloakVersion());
        assertEquals("-Xmx256m -XX:TieredStopAtLevel=1", s.serviceJavaOpts(), "C1: a local stack starts more than it runs");
        assertFalse(s.classDataSharing(), "archives only when asked for");
    }

    @Test
    void classDataSharingIsTurnedOnByCatapultCds() {
        assertTrue(Settings.from(Map.of("CATAPULT_CDS", "true"), ROOT).classDataSharing());
        assertTrue(Settings.from(Map.of("CATAPULT_CDS", " TRUE "), ROOT).classDataSharing());
        assertFalse(Settings.from(Map.of("CATAPULT_CDS", "no"), ROOT).classDataSharing());
    }

    @Test
    void portsComeFromTheServicesOwnVariables() {
        Settings s = Settings.from(Map.of("GATEWAY_PORT", "18080", "KEYCLOAK_PORT", "18180", "CATAPULT_PG_PORT", "25432"), ROOT);
        assertEquals(18080, s.gatewayPort());
        assertEquals("http://localhost:18180/realms/catapult", s.oidcUrl());
        assertEquals("jdbc:postgresql://localhost:25432/catapult_registry", s.jdbcUrl("catapult_registry"));
    }

    @Test
    void externalDatabaseKeepsHostAndParametersAndReplacesTheDatabase() {
        Settings s = Settings.from(Map.of("CATAPULT_DB_URL", "jdbc:postgresql://db.example:5433/postgres?sslmode=require",
                "CATAPULT_DB_USER", "app", "CATAPULT_DB_PASSWORD", "secret"), ROOT);
        assertFalse(s.embeddedDatabase());
        assertEquals("jdbc:postgresql://db.example:5433/catapult_application?sslmode=require",
                s.jdbcUrl("catapult_application"));
        assertEquals("app", s.dbUser());
        assertEquals("secret", s.dbPassword());
        Settings bare = Settings.from(Map.of("CATAPULT_DB_URL", "jdbc:postgresql://db.example:5433"), ROOT);
        assertEquals("jdbc:postgresql://db.example:5433/catapult_registry", bare.jdbcUrl("catapult_registry"));
    }

    @Test
    void externalOidcProviderReplacesKeycloak() {
        Settings s = Settings.from(Map.of("CATAPULT_OIDC_URL", "https://sso.example/realms/catapult/"), ROOT);
        assertFalse(s.localKeycloak());
        assertEquals("https://sso.example/realms/catapult", s.oidcUrl());
        assertEquals("https://sso.example/realms/catapult/.well-known/openid-configuration", s.discoveryUrl());
    }

    @Test
    void badNumbersAreNamed() {
        LauncherException e = assertThrows(LauncherException.class,
                () -> Settings.from(Map.of("REGISTRY_PORT", "eighty"), ROOT));
        assertTrue(e.getMessage().contains("REGISTRY_PORT"), e.getMessage());
        assertThrows(LauncherException.class, () -> Settings.from(Map.of("BOOKING_PORT", "70000"), ROOT));
        assertThrows(LauncherException.class, () -> Settings.from(Map.of("CATAPULT_CONTROL_PORT", "-1"), ROOT));
        assertEquals(0, Settings.from(Map.of("CATAPULT_CONTROL_PORT", "0"), ROOT).controlPort(), "0: any free port");
    }
}
