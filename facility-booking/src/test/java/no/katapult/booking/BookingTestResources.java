package no.katapult.booking;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import no.katapult.booking.registry.RegistryStub;
import no.katapult.common.testing.EmbeddedPostgresResource;

/** One resource set for every test class of this module, so Quarkus boots once. */
@QuarkusTestResource(value = EmbeddedPostgresResource.class, initArgs = @ResourceArg(name = "database", value = "catapult_booking"))
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(RegistryStub.class)
public class BookingTestResources {
}
