package no.katapult.registry.centre;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import no.katapult.registry.Address;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(name = "Centre", extensions = @Extension(name = "x-event-data", value = "true", parseValue = true), description = "A national catapult centre or a regional node")
@JsonPropertyOrder({"id", "code", "name", "kind", "parentCentreId", "focusAreas", "status", "hostOrganisation",
        "address", "description", "website", "contactEmail", "establishedOn", "version"})
public record CentreView(
        UUID id,
        @Schema(examples = "digicat") String code,
        @Schema(examples = "DigiCat") String name,
        CentreKind kind,
        @Schema(description = "The national centre a NODE belongs to; null otherwise", nullable = true) UUID parentCentreId,
        @Schema(examples = "[\"digital\", \"simulation\"]") List<String> focusAreas,
        CentreStatus status,
        HostOrganisation hostOrganisation,
        Address address,
        String description,
        String website,
        String contactEmail,
        LocalDate establishedOn,
        @Schema(description = "Optimistic-lock version; the ETag is this number in quotes", examples = "0") long version) {

    public static CentreView of(Centre c) {
        return new CentreView(c.id, c.code, c.name, c.kind, c.parentCentreId, List.copyOf(c.focusAreas), c.status,
                c.hostOrganisation(), c.address(), c.description, c.website, c.contactEmail, c.establishedOn,
                c.version);
    }
}
