package no.katapult.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checks that the ports the stack needs are free before anything starts. */
public final class Ports {

    private Ports() {
    }

    public static boolean isFree(int port) {
        // Binding the wildcard address fails when any local address holds the port, as the services bind 0.0.0.0.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Fails with every taken port named, e.g. "port 8081 (registry, REGISTRY_PORT)". */
    public static void requireFree(Map<Integer, String> wanted) {
        Map<Integer, String> taken = new LinkedHashMap<>();
        wanted.forEach((port, what) -> {
            if (!isFree(port)) {
                taken.put(port, what);
            }
        });
        if (!taken.isEmpty()) {
            StringBuilder sb = new StringBuilder("These ports are already in use:");
            taken.forEach((port, what) -> sb.append("\n  port ").append(port).append(" (").append(what).append(")"));
            sb.append("\nStop whatever holds them (`./catapult down` stops an earlier stack), or choose other ports "
                    + "with the environment variables named above.");
            throw new LauncherException(sb.toString());
        }
    }
}
