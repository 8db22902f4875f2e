package no.katapult.registry;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import no.katapult.common.testing.EmbeddedPostgresResource;

/** One resource set for every test class of this module, so Quarkus boots once. */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "catapult_registry"))
@QuarkusTestResource(OidcWiremockTestResource.class)
public class RegistryTestResources {
}
