package no.katapult.registry.shared;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * page and size as strings, parsed by {@link QueryParams} into common's PageRequest. Binding them
 * as int (as PageRequest does) makes {@code ?page=abc} a 404, because JAX-RS answers 404 for a
 * query parameter it cannot convert; the API guide wants a 400 naming the parameter.
 */
public class PageParams {

    @QueryParam("page")
    @Parameter(description = "Zero-based page index", example = "0",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
    public String page;

    @QueryParam("size")
    @Parameter(description = "Page size, capped at 100", example = "20",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "20"))
    public String size;
}
