package no.katapult.gateway.proxy;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One HTTP client (and connection pool) per event loop. A Vert.x client pool hands any free connection to
 * any caller, so a request arriving on one event loop would often be written and answered on another, with
 * two thread hand-offs per exchange. With a pool per event loop, the inbound and the upstream connection of
 * an exchange share a thread.
 */
final class UpstreamClients {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions poolOptions;
    private final Map<Thread, HttpClient> byEventLoop = new ConcurrentHashMap<>();
    private final HttpClient shared;

    UpstreamClients(Vertx vertx, int poolSizePerEventLoop, int connectTimeoutMillis, Duration keepAlive) {
        this.vertx = vertx;
        this.options = new HttpClientOptions()
                .setKeepAlive(true)
                // Vert.x keeps idle connections 60 s by default, the services only 30 s: a request on a connection
                // the service is closing then fails (502). Below the services' timeout, the pool lets go first.
                .setKeepAliveTimeout((int) Math.max(1, keepAlive.toSeconds()))
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setConnectTimeout(connectTimeoutMillis);
        this.poolOptions = new PoolOptions().setHttp1MaxSize(poolSizePerEventLoop)
                .setMaxWaitQueueSize(poolSizePerEventLoop * 64);
        this.shared = vertx.createHttpClient(options, poolOptions);
    }

    /** The client of the calling event loop; a shared one off the event loops. */
    HttpClient current() {
        if (!Context.isOnEventLoopThread()) {
            return shared;
        }
        return byEventLoop.computeIfAbsent(Thread.currentThread(), t -> vertx.createHttpClient(options, poolOptions));
    }

    HttpClient shared() {
        return shared;
    }

    HttpClientOptions options() {
        return options;
    }

    void close() {
        byEventLoop.values().forEach(HttpClient::close);
        shared.close();
    }
}
