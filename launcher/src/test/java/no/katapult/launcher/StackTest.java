package no.katapult.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StackTest {

    @Test
    void servicesGetTheVariablesTheirApplicationPropertiesRead() {
        Settings settings = Settings.from(Map.of("REGISTRY_PORT", "9081"), Path.of("/repo"));
        Map<String, String> env = new Stack(settings).serviceEnvironment();
        assertEquals("8080", env.get("GATEWAY_PORT"));
        assertEquals("9081", env.get("REGISTRY_PORT"));
        assertEquals("8082", env.get("APPLICATION_PORT"));
        assertEquals("8083", env.get("BOOKING_PORT"));
        assertEquals("http://localhost:9081", env.get("REGISTRY_URL"));
        assertEquals("http://localhost:8082", env.get("APPLICATION_URL"));
        assertEquals("http://localhost:8083", env.get("BOOKING_URL"));
        assertEquals("http://localhost:8180/realms/catapult", env.get("CATAPULT_OIDC_URL"));
        assertEquals("jdbc:postgresql://localhost:15432/catapult_registry", env.get("REGISTRY_DB_URL"));
        assertEquals("jdbc:postgresql://localhost:15432/catapult_application", env.get("APPLICATION_DB_URL"));
        assertEquals("jdbc:postgresql://localhost:15432/catapult_booking", env.get("BOOKING_DB_URL"));
        assertEquals("postgres", env.get("BOOKING_DB_USER"));
        assertEquals("postgres", env.get("BOOKING_DB_PASSWORD"));
    }
}
