package no.katapult.booking.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An organisation and its derived EU SME class; {@code smeClass} is null without a declaration. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistryOrganisation(String orgNo, String name, String kind, Object smeDeclaration, SmeClass smeClass) {

    public enum SmeClass { MICRO, SMALL, MEDIUM, LARGE }
}
