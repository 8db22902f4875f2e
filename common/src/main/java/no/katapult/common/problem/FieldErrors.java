package no.katapult.common.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every offending field or parameter of a request, from Bean Validation and from the
 * cross-field rules alike, so that one 400 lists them all instead of the first one found.
 */
public final class FieldErrors {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return this;
    }

    public FieldErrors addAll(Collection<? extends ConstraintViolation<?>> violations) {
        for (ConstraintViolation<?> v : violations) {
            add(fieldOf(v.getPropertyPath()), v.getMessage());
        }
        return this;
    }

    /** Whether {@code field} or anything inside it (field.x, field[0]) is already reported. */
    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field) || e.field().startsWith(field + ".")
                || e.field().startsWith(field + "["));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The errors, without repeats, sorted by field then message. */
    public List<Problem.FieldError> sorted() {
        return errors.stream().distinct()
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
    }

    /** Most errors one problem lists: a thousand invalid items need not make a 70 kB answer. */
    public static final int MAX_LISTED = 100;

    public ProblemException toProblem() {
        List<Problem.FieldError> sorted = sorted();
        String detail = sorted.size() == 1 ? "1 field is invalid" : sorted.size() + " fields are invalid";
        if (sorted.size() > MAX_LISTED) {
            detail += "; the first " + MAX_LISTED + " are listed";
            sorted = sorted.subList(0, MAX_LISTED);
        }
        return ProblemException.badRequest(detail, List.copyOf(sorted));
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw toProblem();
        }
    }

    /**
     * The JSON path of the offending value ("address.county", "closures[0].from", "capabilities[2]"), or
     * the parameter's name for a violation on a method parameter; "body" for the body as a whole.
     */
    public static String fieldOf(Path path) {
        StringBuilder sb = new StringBuilder();
        String parameterName = null;
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER || kind == ElementKind.CROSS_PARAMETER) {
                parameterName = node.getName();
                continue;
            }
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    sb.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    sb.append('.').append(node.getKey());
                }
            }
            if ((kind == ElementKind.PROPERTY || kind == ElementKind.CONTAINER_ELEMENT) && node.getName() != null
                    && !node.getName().startsWith("<")) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(node.getName());
            }
        }
        if (sb.isEmpty()) {
            return parameterName == null ? "body" : parameterName;
        }
        return sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
    }
}
