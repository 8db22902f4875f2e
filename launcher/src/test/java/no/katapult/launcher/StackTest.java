package no.katapult.launcher;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StackTest {

    /** The environment of a stack whose registry port was moved to 9081: the URL that names it follows. */
    static final Map<String, String> ENV =
            new Stack(Settings.from(Map.of("REGISTRY_PORT", "9081"), Path.of("/repo"))).serviceEnvironment();

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(textBlock = """
            GATEWAY_PORT,                   8080
            REGISTRY_PORT,                  9081
            APPLICATION_PORT,               8082
            BOOKING_PORT,                   8083
            REGISTRY_URL,                   http://localhost:9081
            APPLICATION_URL,                http://localhost:8082
            BOOKING_URL,                    http://localhost:8083
            EVENTS_PORT,                    8084
            EVENTS_URL,                     http://localhost:8084
            EVENTS_DB_URL,                  jdbc:postgresql://localhost:15432/catapult_events
            EVENTS_CLIENT_SECRET,           catapult-internal-secret
            # The demo's receivers run on localhost.
            CATAPULT_WEBHOOK_ALLOW_LOOPBACK, true
            CATAPULT_OIDC_URL,              http://localhost:8180/realms/catapult
            REGISTRY_DB_URL,                jdbc:postgresql://localhost:15432/catapult_registry
            APPLICATION_DB_URL,             jdbc:postgresql://localhost:15432/catapult_application
            BOOKING_DB_URL,                 jdbc:postgresql://localhost:15432/catapult_booking
            BOOKING_DB_USER,                postgres
            BOOKING_DB_PASSWORD,            postgres
            # event-hub's mails go to the local GreenMail, in plain SMTP on loopback.
            CATAPULT_SMTP_HOST,             127.0.0.1
            CATAPULT_SMTP_PORT,             3025
            CATAPULT_SMTP_STARTTLS,         DISABLED
            CATAPULT_DIRECTORY_URL,         http://localhost:8180/admin/realms/catapult
            """)
    void servicesGetTheVariablesTheirApplicationPropertiesRead(String variable, String value) {
        assertEquals(value, ENV.get(variable));
    }

    @org.junit.jupiter.api.Test
    void aRealSmtpServerReplacesGreenMailAndKeepsItsOwnSettings() {
        Settings settings = Settings.from(Map.of("CATAPULT_SMTP_HOST", "smtp.example.no",
                "CATAPULT_MAIL_SMTP_PORT", "4025"), Path.of("/repo"));
        assertEquals(false, settings.localMail());
        Map<String, String> env = new Stack(settings).serviceEnvironment();
        // Not set by the launcher: event-hub reads the user's CATAPULT_SMTP_* (STARTTLS required by default).
        assertEquals(null, env.get("CATAPULT_SMTP_HOST"));
        assertEquals(null, env.get("CATAPULT_SMTP_STARTTLS"));
        assertEquals("4025", new Stack(Settings.from(Map.of("CATAPULT_MAIL_SMTP_PORT", "4025"), Path.of("/repo")))
                .serviceEnvironment().get("CATAPULT_SMTP_PORT"));
    }

    @org.junit.jupiter.api.Test
    void greenMailListensOnLoopbackOnlyWithoutItsApiServerAndWithoutAuthentication() {
        Settings settings = Settings.from(Map.of(), Path.of("/repo"));
        String command = String.join(" ", MailServer.command(settings, Path.of("/repo/.catapult/mail/g.jar")));
        assertEquals(true, command.contains("-Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port=3025"), command);
        assertEquals(true, command.contains("-Dgreenmail.imap.hostname=127.0.0.1 -Dgreenmail.imap.port=3143"), command);
        assertEquals(true, command.contains("-Dgreenmail.auth.disabled"), command);
        // GreenMail starts its HTTP API (default port 8080, the gateway's) when any of these is given.
        for (String api : java.util.List.of("greenmail.hostname", "greenmail.setup.all", "greenmail.setup.test.all",
                "greenmail.api")) {
            assertEquals(false, command.contains("-D" + api), command);
        }
    }

    @org.junit.jupiter.api.Test
    void withReplicasEachInstanceListensOnItsOwnPortAndTheGatewaysBalanceOverEveryInstance() {
        Settings settings = Settings.from(Map.of("CATAPULT_REPLICAS", "2", "CATAPULT_TRACES_PORT", "4318"), Path.of("/repo"));
        java.util.List<Service> instances = Service.instances(settings);
        assertEquals(java.util.List.of("registry", "registry-2", "application", "application-2", "booking", "booking-2",
                "events", "events-2", "gateway", "gateway-2"), instances.stream().map(Service::name).toList());
        Stack stack = new Stack(settings);
        Service booking2 = instances.get(5);
        Map<String, String> env = stack.serviceEnvironment(booking2);
        assertEquals("8093", env.get("BOOKING_PORT"), "instance 2 listens 10 above the first");
        assertEquals("http://localhost:8081", env.get("REGISTRY_URL"), "a service calls the registry's first instance");
        Map<String, String> gateway2 = stack.serviceEnvironment(instances.get(9));
        assertEquals("8090", gateway2.get("GATEWAY_PORT"));
        assertEquals("http://localhost:8081,http://localhost:8091", gateway2.get("REGISTRY_URL"));
        assertEquals("http://localhost:8084,http://localhost:8094", gateway2.get("EVENTS_URL"));
        assertEquals(10, instances.stream().map(i -> i.port(settings)).distinct().count(), "no two instances share a port");

        assertEquals(12, Service.instances(Settings.from(Map.of("CATAPULT_REPLICAS", "3"), Path.of("/repo"))).stream()
                .filter(i -> !i.isGateway()).count(), "three of each domain service");
        org.junit.jupiter.api.Assertions.assertThrows(LauncherException.class,
                () -> Settings.from(Map.of("CATAPULT_REPLICAS", "5"), Path.of("/repo")));
        org.junit.jupiter.api.Assertions.assertThrows(LauncherException.class,
                () -> Settings.from(Map.of("CATAPULT_REPLICAS", "0"), Path.of("/repo")));
    }
}
