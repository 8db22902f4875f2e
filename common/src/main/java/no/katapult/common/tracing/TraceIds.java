package no.katapult.common.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** The W3C trace id of the work in hand, as OpenTelemetry carries it and the logs print it. */
public final class TraceIds {

    private TraceIds() {
    }

    /** The current trace id (32 hex digits), or null outside a trace. */
    public static String current() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }
}
