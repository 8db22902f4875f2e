package no.katapult.application.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.common.requestid.RequestIds;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The lead's display name. The token carries only org_no, so the name is read from the registry. The
 * registry is a convenience here, not a dependency: if it is down or has no record, the name stays empty
 * and is looked up again on the next edit.
 */
@ApplicationScoped
public class OrganisationNames {

    private static final Logger LOG = Logger.getLogger(OrganisationNames.class);

    @Inject
    @RestClient
    RegistryOrganisations registry;

    public Optional<String> nameOf(String orgNo, String bearerToken) {
        try {
            RegistryOrganisations.Organisation o = registry.get(orgNo, "Bearer " + bearerToken, RequestIds.current());
            return o == null || o.name() == null || o.name().isBlank() ? Optional.empty() : Optional.of(o.name());
        } catch (RuntimeException e) {
            LOG.infof("No name for organisation %s from the registry: %s", orgNo, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
