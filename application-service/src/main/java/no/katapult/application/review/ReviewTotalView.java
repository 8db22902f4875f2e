package no.katapult.application.review;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

@Schema(name = "ReviewTotal")
public record ReviewTotalView(String reviewer, BigDecimal weightedTotal, Recommendation recommendation) {
}
