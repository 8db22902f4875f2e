package no.katapult.application;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WithdrawRequest", description = "Optional reason, kept in the history")
public record WithdrawRequest(@Size(max = 2000) String comment) {
}
