package org.civicregistry.commons.tracing;

import java.util.HashMap;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * A W3C trace context ({@code traceparent}, {@code tracestate}) carried across a hop no tracer sees:
 * from a request to its outbox row, and on a change event as the CloudEvents distributed-tracing
 * extension. Empty (both null) when the service runs without the OpenTelemetry agent, whose
 * absence makes the API a no-op: then nothing is stored, sent or restored.
 */
public record TraceContext(String parent, String state) {

    private static final TraceContext NONE = new TraceContext(null, null);
    private static final String PARENT = "traceparent";
    private static final String STATE = "tracestate";

    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    /** The trace context of the span current on this thread, if a tracer runs. */
    public static TraceContext current() {
        Map<String, String> carrier = new HashMap<>(4);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.isEmpty() ? NONE : of(carrier.get(PARENT), carrier.get(STATE));
    }

    public static TraceContext of(String parent, String state) {
        return parent == null || parent.isBlank() ? NONE : new TraceContext(parent, state == null || state.isBlank() ? null : state);
    }

    /** The trace context a change event carries as its CloudEvents {@code traceparent}/{@code tracestate} extension. */
    public static TraceContext of(CloudEvent event) {
        Object parent = event.getExtension(PARENT);
        Object state = event.getExtension(STATE);
        return of(parent == null ? null : parent.toString(), state == null ? null : state.toString());
    }

    /** Adds the CloudEvents distributed-tracing extension, when there is a trace to name. */
    public CloudEventBuilder addTo(CloudEventBuilder event) {
        if (parent != null) {
            event.withExtension(PARENT, parent);
            if (state != null) {
                event.withExtension(STATE, state);
            }
        }
        return event;
    }

    /**
     * Makes this trace the current one until the scope closes, so the spans the agent opens meanwhile
     * (a Kafka send, an HTTP request) continue it; a no-op scope when there is none.
     */
    public Scope makeCurrent() {
        return parent == null ? Scope.noop() : context().makeCurrent();
    }

    /**
     * The context to open a span in: the current one when a span is active on this thread (the
     * agent's span of a consumed record continues the producer's trace already), else this one.
     */
    public Context parentContext() {
        return parent == null || Span.current().getSpanContext().isValid() ? Context.current() : context();
    }

    private Context context() {
        Map<String, String> carrier = new HashMap<>(4);
        carrier.put(PARENT, parent);
        if (state != null) {
            carrier.put(STATE, state);
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, GETTER);
    }

    /** The platform's own spans (where no instrumentation sees the work); no-ops without the agent. */
    public static Tracer tracer() {
        return GlobalOpenTelemetry.getTracer("org.civicregistry");
    }
}
