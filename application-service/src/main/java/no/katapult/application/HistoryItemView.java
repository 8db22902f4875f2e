package no.katapult.application;

import no.katapult.common.time.Clocks;
import no.katapult.application.history.HistoryAction;
import no.katapult.application.history.HistoryEntry;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

@Schema(name = "HistoryItem")
public record HistoryItemView(OffsetDateTime at, String actor, HistoryAction action, ApplicationStatus fromStatus,
                              ApplicationStatus toStatus, String comment) {

    static HistoryItemView of(HistoryEntry e) {
        return new HistoryItemView(Clocks.inOslo(e.at), e.actor, HistoryAction.valueOf(e.action),
                e.fromStatus == null ? null : ApplicationStatus.valueOf(e.fromStatus),
                e.toStatus == null ? null : ApplicationStatus.valueOf(e.toStatus), e.comment);
    }
}
