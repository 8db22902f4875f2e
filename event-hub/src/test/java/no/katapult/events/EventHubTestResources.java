package no.katapult.events;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import no.katapult.common.testing.EmbeddedPostgresResource;
import no.katapult.events.ingest.FakeSources;
import no.katapult.events.notification.FakeDirectory;
import no.katapult.events.notification.MailPorts;

/**
 * One resource set for every test class of this module, so Quarkus boots once: a real PostgreSQL, the WireMock
 * OIDC server (it validates the callers' tokens and issues the hub's client-credentials token), the three
 * producers' feeds served by the tests ({@link FakeSources}), Keycloak's admin API as the notifier reads it
 * ({@link FakeDirectory}) and the ports of the tests' SMTP/IMAP server ({@link MailPorts}).
 */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "catapult_events"))
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(FakeSources.class)
@QuarkusTestResource(FakeDirectory.class)
@QuarkusTestResource(MailPorts.class)
public class EventHubTestResources {
}
