package no.katapult.application;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "History")
public record HistoryView(List<HistoryItemView> items) {
}
