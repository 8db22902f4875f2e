package no.katapult.launcher;

import no.katapult.launcher.console.Console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code ./catapult up|down|status}: the local Norsk katapult stack in one command. */
public final class Launcher {

    private static final String USAGE = """
            Usage: ./catapult <command> [options]

              up [--demo|--no-demo] [--replicas N]
                                      start PostgreSQL, Keycloak and the five services; Ctrl-C stops all.
                                      Demo data is loaded through the API on a fresh embedded database,
                                      always with --demo, never with --no-demo. --replicas N (1-4, also
                                      CATAPULT_REPLICAS) runs N instances of each domain service, instance k
                                      on its port + 10 (k - 1) as part <name>-k, and two gateways (8080, 8090).
              down                    stop a stack started elsewhere (e.g. in the background)
              status                  show what runs and what is ready
              stop <part>             stop one part of the running stack on purpose; the rest keeps running
              start <part>            start a part stopped that way again, with the same settings; waits until ready
              restart <part>          stop and start one part (postgres: fast shutdown, same port and data)
                                      parts: registry, application, booking, events, gateway, keycloak, mail, postgres
                                      (and registry-2, gateway-2 ... with --replicas)

            Settings are environment variables (ports, external PostgreSQL or OIDC provider): see README.md.""";

    private Launcher() {
    }

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() ? "help" : rest.remove(0);
        Path root = Path.of(System.getProperty("catapult.root", ".")).toAbsolutePath().normalize();
        Stack stack = null;
        try {
            Map<String, String> env = new HashMap<>(System.getenv());
            int replicasAt = rest.indexOf("--replicas");
            if (command.equals("up") && replicasAt >= 0) {
                if (replicasAt + 1 >= rest.size()) {
                    throw new LauncherException("--replicas needs a number, e.g. --replicas 2.\n" + USAGE);
                }
                env.put("CATAPULT_REPLICAS", rest.get(replicasAt + 1));
                rest.subList(replicasAt, replicasAt + 2).clear();
            }
            Settings settings = Settings.from(env, root);
            switch (command) {
                case "up" -> {
                    // --build is passed by the catapult script when a service jar is missing or older than its sources.
                    boolean build = rest.remove("--build");
                    Stack.DemoMode mode = demoMode(rest);
                    stack = new Stack(settings);
                    int code = stack.up(mode, build);
                    if (code != Stack.SHUTTING_DOWN) {
                        System.exit(code);
                    }
                }
                case "down" -> {
                    noOptions(rest);
                    System.exit(down(settings));
                }
                case "status" -> {
                    noOptions(rest);
                    System.exit(Status.print(settings));
                }
                case "stop", "start", "restart" -> {
                    if (rest.size() != 1) {
                        throw new LauncherException("Name one part: ./catapult " + command + " <part>.\n" + USAGE);
                    }
                    Control.Answer answer = Control.request(settings.runDir(), "POST",
                            "/parts/" + rest.get(0) + "/" + command);
                    Console.info(answer.text());
                    System.exit(answer.ok() ? 0 : 1);
                }
                case "help", "-h", "--help" -> System.out.println(USAGE);
                default -> throw new LauncherException("Unknown command '" + command + "'.\n" + USAGE);
            }
        } catch (LauncherException e) {
            if (stack != null && stack.stopping()) {
                return;
            }
            Console.info("FAILED: " + e.getMessage());
            if (stack != null) {
                stack.stop();
            }
            System.exit(1);
        }
    }

    private static Stack.DemoMode demoMode(List<String> options) {
        Stack.DemoMode mode = Stack.DemoMode.DEFAULT;
        for (String o : options) {
            mode = switch (o) {
                case "--demo" -> Stack.DemoMode.ON;
                case "--no-demo" -> Stack.DemoMode.OFF;
                default -> throw new LauncherException("Unknown option '" + o + "'.\n" + USAGE);
            };
        }
        return mode;
    }

    private static void noOptions(List<String> options) {
        if (!options.isEmpty()) {
            throw new LauncherException("Unexpected arguments " + options + ".\n" + USAGE);
        }
    }

    /** Asks a running launcher to stop (SIGTERM) and waits; then stops anything left over. */
    private static int down(Settings settings) {
        PidFiles pids = new PidFiles(settings.runDir());
        List<ProcessHandle> launcher = pids.alive(Stack.LAUNCHER);
        if (!launcher.isEmpty()) {
            ProcessHandle p = launcher.get(0);
            Console.info("stopping the stack of launcher pid " + p.pid());
            int killed = ProcessTrees.stop(List.of(p), Duration.ofSeconds(90));
            if (killed > 0) {
                Console.info("the launcher did not stop within 90 s and was killed");
            }
        }
        Stack.cleanUpStale(settings, pids, new Keycloak(settings));
        Console.info(launcher.isEmpty() ? "no stack was running; nothing is left" : "stopped; nothing is left");
        return 0;
    }
}
