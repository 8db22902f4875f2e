package no.katapult.common.pagination;

import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Page parameters, for use as {@code @BeanParam}. Sizes above {@link #MAX_SIZE} are capped rather
 * than refused, so a client asking for "all" gets the largest page.
 */
public class PageRequest {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    @QueryParam("page")
    @DefaultValue("0")
    @Min(value = 0, message = "must be 0 or more")
    @Parameter(description = "Zero-based page index", example = "0")
    int page;

    @QueryParam("size")
    @DefaultValue("20")
    @Min(value = 1, message = "must be 1 or more")
    @Parameter(description = "Page size, capped at 100", example = "20")
    int size = DEFAULT_SIZE;

    public PageRequest() {
    }

    public PageRequest(int page, int size) {
        this.page = page;
        this.size = size;
    }

    public int page() {
        return Math.max(page, 0);
    }

    public int size() {
        return Math.min(Math.max(size, 1), MAX_SIZE);
    }

    public int offset() {
        return page() * size();
    }
}
