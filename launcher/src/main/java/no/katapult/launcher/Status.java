package no.katapult.launcher;

import no.katapult.launcher.console.Console;

import java.util.List;
import java.util.stream.Collectors;

/** {@code ./catapult status}: which parts run (pid files) and which answer as ready. */
final class Status {

    private Status() {
    }

    /** Prints one line per part; returns 0 when everything runs and is ready. */
    static int print(Settings s) {
        PidFiles pids = new PidFiles(s.runDir());
        boolean allUp = true;
        allUp &= line(pids, Stack.LAUNCHER, null, true);
        allUp &= line(pids, Database.NAME, null, s.embeddedDatabase());
        allUp &= line(pids, Keycloak.NAME, s.discoveryUrl(), s.localKeycloak());
        for (Service svc : Service.instances(s)) {
            allUp &= line(pids, svc.name(), svc.readyUrl(s), true);
        }
        if (!pids.alive(Stack.LAUNCHER).isEmpty()) {
            // Parts stopped with ./catapult stop <part>, as the running launcher sees them.
            try {
                Control.Answer parts = Control.request(s.runDir(), "GET", "/parts");
                parts.text().lines().filter(l -> l.contains("stopped on purpose"))
                        .forEach(l -> Console.info(l.replaceAll("\\s+", " ") + " (./catapult start <part>)"));
            } catch (LauncherException e) {
                Console.info("control: " + e.getMessage());
            }
        }
        return allUp ? 0 : 1;
    }

    private static boolean line(PidFiles pids, String name, String url, boolean local) {
        List<ProcessHandle> alive = pids.alive(name);
        String pidText = alive.isEmpty() ? "not running"
                : "pid " + alive.stream().map(p -> String.valueOf(p.pid())).collect(Collectors.joining(","));
        if (!local) {
            pidText = "external";
        }
        boolean ready = url == null ? !alive.isEmpty() || !local
                : (url.contains("/q/health") ? Probe.healthUp(url) : Probe.ok(url));
        Console.line(name, String.format("%-22s %s%s", pidText, ready ? "ready" : "NOT READY",
                url == null ? "" : "  " + url));
        return ready && (!alive.isEmpty() || !local);
    }
}
