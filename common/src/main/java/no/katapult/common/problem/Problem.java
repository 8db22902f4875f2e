package no.katapult.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem details body, as every service and the gateway answer it. */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "requestId", "traceId", "errors"})
public class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    @Schema(description = "URI that identifies the problem type", examples = "urn:katapult:problem:validation")
    public String type;
    @Schema(examples = "Validation failed")
    public String title;
    @Schema(examples = "400")
    public int status;
    public String detail;
    @Schema(description = "The request path that caused the problem")
    public String instance;
    @Schema(description = "The X-Request-Id of the request")
    public String requestId;
    @Schema(description = "The W3C trace id of the request, as the services' logs and traces carry it",
            examples = "4bf92f3577b34da6a3ce929d0e0e4736")
    public String traceId;
    @Schema(description = "One entry per offending field, for validation problems")
    public List<FieldError> errors;

    @Schema(hidden = true)
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public Problem() {
    }

    public Problem(String type, String title, int status, String detail) {
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** Adds an extension member; only the declared ones exist, so the contract names every member a client sees. */
    public Problem with(ProblemMember member, Object value) {
        extensions.put(member.jsonName(), value);
        return this;
    }

    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(examples = "hostOrganisation.orgNo") String field,
            @Schema(examples = "must be a valid Norwegian organisation number") String message) {
    }
}
