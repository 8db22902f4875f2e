package no.katapult.application.call;

import no.katapult.common.money.Money;
import no.katapult.common.time.Clocks;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

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
        List<Criterion> criteria,
        CallState state,
        @Schema(description = "Sum of granted amounts of approved applications") Money grantedTotal,
        @Schema(description = "budget minus grantedTotal") Money remainingBudget,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static CallView of(FundingCall c, Instant now) {
        return new CallView(c.id, c.title, c.description, c.kind, Clocks.inOslo(c.opensAt), Clocks.inOslo(c.closesAt),
                local(c.opensAt), local(c.closesAt), Clocks.OSLO.getId(),
                Money.nok(c.budget), Money.nok(c.maxAmountPerApplication),
                c.criteria.stream().map(Criterion::of).toList(), c.stateAt(now),
                Money.nok(c.grantedTotal), Money.nok(c.remainingBudget()), c.version,
                Clocks.inOslo(c.createdAt), Clocks.inOslo(c.updatedAt));
    }

    private static String local(OffsetDateTime t) {
        return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZoneSameInstant(Clocks.OSLO));
    }
}
