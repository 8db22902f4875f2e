package no.katapult.registry.facility;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

@Schema(name = "Equipment", extensions = @Extension(name = "x-event-data", value = "true", parseValue = true), description = "One physical item of a facility")
@JsonPropertyOrder({"id", "facilityId", "name", "category", "manufacturer", "model", "description", "capabilities",
        "bookable", "standardPrice", "smePrice", "version"})
public record EquipmentView(
        UUID id,
        UUID facilityId,
        @Schema(examples = "Industriell 3D-printer for metall") String name,
        @Schema(examples = "3d-printer") String category,
        @Schema(examples = "EOS") String manufacturer,
        @Schema(examples = "M 290") String model,
        String description,
        List<String> capabilities,
        boolean bookable,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Own price per hour; absent when the facility's prices apply") Money standardPrice,
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "Own SME price per hour; absent when the facility's prices apply") Money smePrice,
        @Schema(description = "Optimistic-lock version; the ETag is this number in quotes", examples = "0") long version) {

    public static EquipmentView of(Equipment e) {
        return new EquipmentView(e.id, e.facilityId, e.name, e.category, e.manufacturer, e.model, e.description,
                List.copyOf(e.capabilities), e.bookable,
                e.standardPrice == null ? null : Money.nok(e.standardPrice),
                e.smePrice == null ? null : Money.nok(e.smePrice), e.version);
    }
}
