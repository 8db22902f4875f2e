package no.katapult.gateway.ratelimit;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay in front of the machine's Redis (127.0.0.1:6379), so that a test can take "Redis" away and bring it
 * back without touching the real server: {@link #stop()} closes the port and every relayed connection.
 */
public final class RedisRelay implements AutoCloseable {

    public static final String REDIS_HOST = "127.0.0.1";
    public static final int REDIS_PORT = 6379;

    private final Vertx vertx;
    private final NetClient client;
    private final int port;
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
    private NetServer server;

    public RedisRelay(Vertx vertx) {
        this.vertx = vertx;
        this.client = vertx.createNetClient();
        this.port = freePort();
    }

    public String url() {
        return "redis://" + REDIS_HOST + ":" + port;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        NetServer s = vertx.createNetServer().connectHandler(in -> {
            in.pause();
            client.connect(REDIS_PORT, REDIS_HOST).onComplete(ar -> {
                if (ar.failed()) {
                    in.close();
                    return;
                }
                NetSocket out = ar.result();
                sockets.add(in);
                sockets.add(out);
                in.closeHandler(v -> {
                    sockets.remove(in);
                    out.close();
                });
                out.closeHandler(v -> {
                    sockets.remove(out);
                    in.close();
                });
                in.pipeTo(out);
                out.pipeTo(in);
            });
        });
        server = await(s.listen(port));
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        await(server.close());
        server = null;
        sockets.forEach(NetSocket::close);
    }

    @Override
    public void close() {
        stop();
        client.close();
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
