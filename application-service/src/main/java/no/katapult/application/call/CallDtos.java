package no.katapult.application.call;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import no.katapult.application.time.Clocks;
import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/** Request and response shapes of the calls API. */
public final class CallDtos {
    private CallDtos() {
    }

    @Schema(name = "Criterion", description = "A weighted assessment criterion; reviews score it 1..7")
    public record CriterionDto(
            @NotBlank @Size(max = 50) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]*",
                    message = "must be letters, digits, '-', '_' or '.', starting with a letter or digit")
            @Schema(examples = "relevance", required = true) String code,
            @NotBlank @Size(max = 200) @Schema(examples = "Relevans for katapultordningen", required = true) String name,
            @Size(max = 2000) String description,
            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
            @Digits(integer = 5, fraction = 3) @Schema(examples = "2", required = true) BigDecimal weight) {

        static CriterionDto of(Criterion c) {
            return new CriterionDto(c.code, c.name, c.description, c.weight.stripTrailingZeros());
        }

        Criterion toEntity() {
            return new Criterion(code, name, description, weight);
        }
    }

    @Schema(name = "CallRequest", description = "A funding call as siva-admin creates or replaces it")
    public record CallRequest(
            @NotBlank @Size(max = 300) @Schema(required = true) String title,
            @Size(max = 10000) String description,
            @NotNull @Schema(required = true) CallKind kind,
            @NotNull @Schema(required = true, description = "When the call opens (instant, RFC 3339 with offset)")
            OffsetDateTime opensAt,
            @NotNull @Schema(required = true, description = "The deadline (instant, RFC 3339 with offset); submissions "
                    + "at or after it are refused") OffsetDateTime closesAt,
            @NotNull @Valid @Schema(required = true) Money budget,
            @NotNull @Valid @Schema(required = true) Money maxAmountPerApplication,
            @NotEmpty @Size(max = 20) @Schema(required = true) List<@NotNull @Valid CriterionDto> criteria) {
    }

    @Schema(name = "Call", description = "A funding call. `state` is derived from the clock; `closesAtLocal` is the "
            + "deadline as wall-clock time in Europe/Oslo.")
    public record CallView(
            UUID id,
            String title,
            String description,
            CallKind kind,
            OffsetDateTime opensAt,
            OffsetDateTime closesAt,
            @Schema(description = "opensAt in Europe/Oslo", examples = "2026-11-15T09:00:00+01:00") String opensAtLocal,
            @Schema(description = "The deadline in Europe/Oslo", examples = "2026-12-31T23:59:59+01:00") String closesAtLocal,
            @Schema(examples = "Europe/Oslo") String timeZone,
            Money budget,
            Money maxAmountPerApplication,
            List<CriterionDto> criteria,
            CallState state,
            @Schema(description = "Sum of granted amounts of approved applications") Money grantedTotal,
            @Schema(description = "budget minus grantedTotal") Money remainingBudget,
            long version,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        public static CallView of(FundingCall c, Instant now) {
            return new CallView(c.id, c.title, c.description, c.kind, oslo(c.opensAt), oslo(c.closesAt),
                    local(c.opensAt), local(c.closesAt), Clocks.OSLO.getId(),
                    Money.nok(c.budget), Money.nok(c.maxAmountPerApplication),
                    c.criteria.stream().map(CriterionDto::of).toList(), c.stateAt(now),
                    Money.nok(c.grantedTotal), Money.nok(c.remainingBudget()), c.version,
                    oslo(c.createdAt), oslo(c.updatedAt));
        }
    }

    /** An instant shown with the Europe/Oslo offset that applies at that instant. */
    public static OffsetDateTime oslo(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(Clocks.OSLO).toOffsetDateTime();
    }

    static String local(OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZoneSameInstant(Clocks.OSLO));
    }
}
