package no.katapult.gateway;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Test-side handle on a stub service started by {@link UpstreamStubs}. */
public final class Stubs {

    /** For {@link #failWith}: close the connection instead of answering. */
    public static final int DROP_CONNECTION = -1;

    private final Map<?, ?> handle;

    private Stubs(Map<?, ?> handle) {
        this.handle = handle;
    }

    public static Stubs of(String service) {
        Object handle = System.getProperties().get(UpstreamStubs.PROPERTY_PREFIX + service);
        if (!(handle instanceof Map<?, ?> map)) {
            throw new IllegalStateException("No stub for " + service);
        }
        return new Stubs(map);
    }

    public int hits() {
        return ((AtomicInteger) handle.get("hits")).get();
    }

    public void stop() {
        ((Runnable) handle.get("stop")).run();
    }

    public void start() {
        ((Runnable) handle.get("start")).run();
    }

    @SuppressWarnings("unchecked")
    public String contract() {
        return ((AtomicReference<String>) handle.get("openapi")).get();
    }

    @SuppressWarnings("unchecked")
    public void contract(String json) {
        ((AtomicReference<String>) handle.get("openapi")).set(json);
    }

    /**
     * Every API request is answered with this status (0: answer normally again; {@link #DROP_CONNECTION}: not at
     * all, the connection is closed); health is unaffected.
     */
    public void failWith(int status) {
        ((AtomicInteger) handle.get("failWith")).set(status);
    }

    /** Every API request is answered after this many milliseconds (0: at once). */
    public void delay(int millis) {
        ((AtomicInteger) handle.get("delay")).set(millis);
    }

    /** The status of /q/health/ready (200: UP). */
    public void healthStatus(int status) {
        ((AtomicInteger) handle.get("healthStatus")).set(status);
    }

    public void contractFails(boolean fails) {
        ((AtomicBoolean) handle.get("contractFails")).set(fails);
    }
}
