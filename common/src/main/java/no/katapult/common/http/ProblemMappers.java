package no.katapult.common.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import no.katapult.common.json.RejectedValueException;
import no.katapult.common.persistence.PersistenceErrors;
import no.katapult.common.problem.FieldErrors;
import no.katapult.common.problem.Problem;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemTypes;
import no.katapult.common.problem.ProblemWriter;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps every exception that reaches the REST layer to an RFC 9457 problem. Mappers declared here
 * take precedence over the framework's built-in ones, so no error leaves as HTML, plain text or a
 * stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder builder = respond(e.toProblem(), uri);
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (original != null && original.getEntity() instanceof Problem p) {
            return respond(p, uri).build();
        }
        // JAX-RS answers 404 when a path or query parameter cannot be converted. A malformed path
        // segment does name no resource (404 stays), but a malformed query parameter is bad input.
        if (status == 404 && e.getCause() != null && !(e.getCause() instanceof WebApplicationException)) {
            String parameter = queryParameterOf(e.getCause(), uri);
            if (parameter != null) {
                String message = "has a value of the wrong type or format";
                Problem problem = new Problem(ProblemTypes.of("validation"), "Validation failed", 400,
                        parameter + ": " + message);
                problem.errors = List.of(new Problem.FieldError(parameter, message));
                return respond(problem, uri).build();
            }
        }
        // The JSON reader wraps parse and binding errors in a plain 400.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                return jsonParse(parse, uri);
            }
            if (cause instanceof JsonMappingException mapping) {
                return jsonMapping(mapping, uri);
            }
            if (cause instanceof JsonProcessingException processing) {
                return jsonProcessing(processing, uri);
            }
        }
        if (status >= 500) {
            LOG.errorf(e, "Request failed with %d", status);
        }
        Problem problem = new Problem(null, null, status, detailFor(status, e, uri));
        Response.ResponseBuilder builder = respond(problem, uri);
        if (original != null) {
            for (String name : List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE, "Retry-After")) {
                String value = original.getHeaderString(name);
                if (value != null) {
                    builder.header(name, value);
                }
            }
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        return problem(new FieldErrors().addAll(e.getConstraintViolations()).toProblem(), uri);
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e, UriInfo uri) {
        String what = String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")
                ? "The request body gives a member twice" : "The request body is not valid JSON";
        Problem problem = new Problem(ProblemTypes.of("malformed-json"), "Malformed JSON", 400,
                what + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        return respond(problem, uri).build();
    }

    /**
     * A type Jackson cannot read at all is a server bug, yet it still answers as a problem: Quarkus's own mapper
     * for it would answer a bare 500.
     */
    @ServerExceptionMapper
    public Response invalidDefinition(InvalidDefinitionException e, UriInfo uri) {
        LOG.errorf(e, "Unreadable type on %s", uri == null ? "?" : uri.getPath());
        return respond(new Problem(null, null, 500,
                "An unexpected error occurred. Quote the request id when reporting it."), uri).build();
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return jsonMapping(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        String field = jsonPath(e);
        String message;
        if (e instanceof RejectedValueException rejected) {
            message = rejected.getOriginalMessage();
        } else if (e instanceof UnrecognizedPropertyException u) {
            field = field.isEmpty() ? u.getPropertyName() : field;
            message = "unknown property";
        } else if (e instanceof InvalidFormatException f) {
            message = "cannot read '" + f.getValue() + "' as " + simpleType(f.getTargetType());
        } else if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            message = safeMessage(v.getCause().getMessage());
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            message = "expected " + simpleType(m.getTargetType());
        } else {
            message = "has the wrong type or shape";
        }
        if (field.isEmpty()) {
            field = "body";
        }
        Problem problem = new Problem(ProblemTypes.of("validation"), "Validation failed", 400,
                field + ": " + message);
        problem.errors = List.of(new Problem.FieldError(field, message));
        return respond(problem, uri).build();
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        return respond(new Problem(ProblemTypes.of("malformed-json"), "Malformed JSON", 400,
                "The request body could not be read as JSON"), uri).build();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(null, null, 403,
                "The token is valid but lacks the role or ownership this operation needs"), uri).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (isDatabaseUnavailable(e)) {
            // Nothing was committed: the client may safely retry once the database is back.
            LOG.warnf("Database unavailable on %s: %s", uri == null ? "?" : uri.getPath(), e.getMessage());
            return respond(new Problem(ProblemTypes.of("database-unavailable"), "Service unavailable", 503,
                    "The database is unavailable; nothing was changed. Retry shortly."), uri)
                    .header("Retry-After", "2").build();
        }
        var refused = PersistenceErrors.translate(e);
        if (refused.isPresent()) {
            LOG.debugf("Database refused a change on %s: %s", uri == null ? "?" : uri.getPath(), e.getMessage());
            return problem(refused.get(), uri);
        }
        if (isClientGone(e)) {
            // The client hung up mid-request: nobody is left to answer and nothing is wrong here.
            LOG.debugf("Client closed the connection on %s", uri == null ? "?" : uri.getPath());
            return respond(new Problem(null, null, 400, "The client closed the connection"), uri).build();
        }
        LOG.errorf(e, "Unexpected error on %s", uri == null ? "?" : uri.getPath());
        return respond(new Problem(null, null, 500,
                "An unexpected error occurred. Quote the request id when reporting it."), uri).build();
    }

    static boolean isClientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException
                    || "Connection was closed".equals(t.getMessage())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Connection-level SQL states (class 08, server shutdown 57P0x, too many connections) and pool exhaustion,
     * anywhere among the causes and the suppressed exceptions: a commit that fails because the server shut the
     * connection ends in a RollbackException whose SQL error is only a suppressed exception of it.
     */
    static boolean isDatabaseUnavailable(Throwable e) {
        return isDatabaseUnavailable(e, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static boolean isDatabaseUnavailable(Throwable t, java.util.Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        if (t instanceof java.sql.SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08") || state.startsWith("57P0") || state.equals("53300"))) {
                return true;
            }
            if (state == null && String.valueOf(sql.getMessage()).contains("acquisition timeout")) {
                return true;
            }
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (isDatabaseUnavailable(suppressed, seen)) {
                return true;
            }
        }
        return isDatabaseUnavailable(t.getCause(), seen);
    }

    private static Response unauthorized(UriInfo uri) {
        return respond(new Problem(null, null, 401,
                "A valid bearer token is required: it is missing, expired, forged or from another issuer"), uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static Response.ResponseBuilder respond(Problem problem, UriInfo uri) {
        return ProblemWriter.response(ProblemWriter.complete(problem, uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "")));
    }

    private static String detailFor(int status, WebApplicationException e, UriInfo uri) {
        return switch (status) {
            case 404 -> "No resource at " + (uri == null ? "this path" : "/" + uri.getPath().replaceFirst("^/", ""));
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "None of the media types in Accept can be produced";
            case 415 -> "The Content-Type of the request is not supported";
            case 400 -> "The request could not be read: check parameters and body";
            default -> status >= 500 ? "An unexpected error occurred" : ProblemTypes.titleFor(status);
        };
    }

    /**
     * The query parameter whose value failed to convert, or null when it was a path parameter. Services take
     * query parameters as strings and parse them with QueryParams, so a conversion failure is a path parameter
     * (a 404: the segment names no resource) unless its message quotes a query value; a path without
     * parameters leaves only the query, named "query" when no value is quoted.
     */
    static String queryParameterOf(Throwable cause, UriInfo uri) {
        if (uri == null) {
            return null;
        }
        String message = String.valueOf(cause.getMessage());
        for (var e : uri.getQueryParameters().entrySet()) {
            for (String value : e.getValue()) {
                if (!value.isEmpty() && message.contains(value)) {
                    return e.getKey();
                }
            }
        }
        return uri.getPathParameters().isEmpty() ? "query" : null;
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            List<String> names = new ArrayList<>();
            for (Object c : constants) {
                names.add(c.toString());
            }
            return "one of " + names;
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.getName().startsWith("java.time.")) {
            return switch (type.getSimpleName()) {
                case "LocalDate" -> "a date (YYYY-MM-DD)";
                case "LocalTime" -> "a time (HH:MM)";
                case "OffsetDateTime", "Instant", "ZonedDateTime" -> "an RFC 3339 timestamp with offset";
                default -> "a " + type.getSimpleName();
            };
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        return "an object";
    }

    // Messages from our own constructors are meant for clients; anything else is summarised.
    private static String safeMessage(String message) {
        if (message == null || message.length() > 300 || message.contains("Exception")) {
            return "has an invalid value";
        }
        return message;
    }
}
