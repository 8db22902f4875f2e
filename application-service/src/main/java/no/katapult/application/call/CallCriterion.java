package no.katapult.application.call;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.math.BigDecimal;

/** A row of call_criterion: a weighted assessment criterion of a call; every review scores each of them 1..7. */
@Embeddable
public class CallCriterion {

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(nullable = false)
    public BigDecimal weight;

    public CallCriterion() {
    }

    public CallCriterion(String code, String name, String description, BigDecimal weight) {
        this.code = code;
        this.name = name;
        this.description = description;
        this.weight = weight;
    }
}
