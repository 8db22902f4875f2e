package no.katapult.gateway;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Test-side handle on a stub service started by {@link UpstreamStubs}. */
public final class Stubs {

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

    public void contractFails(boolean fails) {
        ((AtomicBoolean) handle.get("contractFails")).set(fails);
    }
}
