package no.katapult.booking.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.UUID;

@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistryCentre(UUID id, String code, String name) {
}
