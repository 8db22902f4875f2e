package no.katapult.registry.organisation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

@Schema(name = "Organisation", extensions = @Extension(name = "x-event-data", value = "true", parseValue = true))
@JsonPropertyOrder({"orgNo", "name", "kind", "contactPerson", "smeDeclaration", "smeClass", "smeReviewRequired"})
public record OrganisationView(
        @Schema(examples = "910000012") String orgNo,
        @Schema(examples = "Anna Prototyping AS (demo)") String name,
        OrganisationKind kind,
        @Schema(description = "Absent when none is given") ContactPerson contactPerson,
        SmeDeclaration smeDeclaration,
        @Schema(description = "Derived from the declaration by Recommendation 2003/361/EC, NOK converted at the "
                + "configured EUR/NOK rate; null without a declaration") SmeClass smeClass,
        @Schema(description = "True when the declaration names linked or partner enterprises: their figures count "
                + "in, so the class needs a manual review before it is relied on") boolean smeReviewRequired) {

    static OrganisationView of(Organisation o, BigDecimal eurNokRate) {
        SmeDeclaration d = o.declaration();
        return new OrganisationView(o.orgNo, o.name, o.kind, ContactPerson.of(o), d, o.smeClass(eurNokRate),
                d != null && Boolean.TRUE.equals(d.hasLinkedEnterprises()));
    }
}
