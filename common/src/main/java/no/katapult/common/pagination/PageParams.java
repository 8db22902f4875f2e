package no.katapult.common.pagination;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * page and size for use as {@code @BeanParam}, taken as strings and parsed by
 * {@link no.katapult.common.query.QueryParams#page}: bound as int, {@code ?page=abc} would be a 404,
 * because JAX-RS answers 404 for a query parameter it cannot convert; the API guide wants a 400.
 */
public class PageParams {

    @QueryParam("page")
    @Parameter(description = "Zero-based page index", example = "0",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "100000", defaultValue = "0"))
    public String page;

    @QueryParam("size")
    @Parameter(description = "Page size, capped at 100", example = "20",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", defaultValue = "20"))
    public String size;

    public PageParams() {
    }

    public PageParams(String page, String size) {
        this.page = page;
        this.size = size;
    }
}
