package no.katapult.application.review;

import no.katapult.application.call.CallCriterion;
import no.katapult.common.problem.Problem.FieldError;
import no.katapult.common.problem.ProblemException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The scores of a review as given, checked against the call's criteria. */
public final class ScoreSheet {

    static final BigDecimal MIN_SCORE = BigDecimal.ONE;
    static final BigDecimal MAX_SCORE = BigDecimal.valueOf(7);

    private ScoreSheet() {
    }

    /**
     * The scores by criterion code. Unknown criteria and scores that are not whole numbers 1..7 are a 400; a
     * criterion left unscored is a 422 listing each one.
     */
    public static Map<String, Integer> read(List<CallCriterion> criteria, Map<String, BigDecimal> given) {
        Set<String> codes = criteria.stream().map(c -> c.code).collect(Collectors.toSet());
        List<FieldError> invalid = new ArrayList<>();
        Map<String, Integer> scores = new TreeMap<>();
        new TreeMap<>(given).forEach((code, value) -> {
            if (!codes.contains(code)) {
                invalid.add(new FieldError("scores." + code, "is not a criterion of this call; criteria are "
                        + criteria.stream().map(c -> c.code).toList()));
            } else if (value.compareTo(MIN_SCORE) < 0 || value.compareTo(MAX_SCORE) > 0
                    || value.stripTrailingZeros().scale() > 0) {
                invalid.add(new FieldError("scores." + code, "must be a whole number from 1 to 7"));
            } else {
                scores.put(code, value.intValueExact());
            }
        });
        if (!invalid.isEmpty()) {
            throw ProblemException.badRequest(invalid.size() == 1 ? "1 score is invalid"
                    : invalid.size() + " scores are invalid", invalid);
        }
        List<FieldError> missing = new ArrayList<>();
        for (CallCriterion c : criteria) {
            if (!scores.containsKey(c.code)) {
                missing.add(new FieldError("scores." + c.code, "must be scored (1..7): " + c.name));
            }
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(422, "incomplete-review", "Review incomplete",
                    "Every criterion of the call must be scored; missing: "
                            + String.join(", ", criteria.stream().map(c -> c.code).filter(c -> !scores.containsKey(c))
                            .toList()), missing);
        }
        return scores;
    }
}
