package no.katapult.events.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.events.config.EventHubConfig;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs one webhook. It connects to the address the URL rules checked (never resolving the host again, so a
 * DNS answer that changes to a private address after the check is not used), sends the host name for TLS
 * (SNI, certificate check) and the Host header, follows no redirect, and reads no more of the answer than
 * its status and headers.
 */
@ApplicationScoped
public class WebhookSender {

    /** What came of one attempt. */
    public record Result(int status, String retryAfter, Duration latency, String error) {
        public boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    @Inject
    Vertx vertx;

    @Inject
    EventHubConfig config;

    private HttpClient client;

    @PostConstruct
    void start() {
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.delivery().connectTimeout().toMillis())
                .setVerifyHost(true)
                .setMaxRedirects(0)
                .setMaxPoolSize(config.delivery().concurrency())
                .setKeepAlive(true));
    }

    @PreDestroy
    void stop() {
        if (client != null) {
            client.close();
        }
    }

    public Result post(WebhookUrls.Target target, Map<String, String> headers, byte[] body) {
        Duration timeout = config.delivery().timeout();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.pathAndQuery())
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.addresses().get(0).getHostAddress()))
                .setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis());
        headers.forEach(options::putHeader);
        long started = System.nanoTime();
        // The status line decides the outcome: once it has come, the attempt counts as answered whatever
        // happens to the rest of the answer (else a receiver that took the event would get it again).
        AtomicReference<Result> answered = new AtomicReference<>();
        Future<Result> answer = client.request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> {
                    Result result = new Result(response.statusCode(), response.getHeader("Retry-After"), since(started), null);
                    answered.set(result);
                    try {
                        // The body is not read: the status decides. Draining it keeps the connection reusable.
                        response.handler(chunk -> { });
                        return response.end().map(result).otherwise(result);
                    } catch (IllegalStateException alreadyEnded) {
                        // A short answer can end before this runs ("Response already ended"): nothing to drain.
                        return Future.succeededFuture(result);
                    }
                });
        try {
            return answer.toCompletionStage().toCompletableFuture()
                    .get(config.delivery().connectTimeout().plus(timeout).toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Result status = answered.get();
            return status != null ? status : new Result(0, null, since(started), describe(e.getCause()));
        } catch (TimeoutException e) {
            Result status = answered.get();
            return status != null ? status : new Result(0, null, since(started), "no answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(0, null, since(started), "interrupted");
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** A short cause for the attempt log, without internals. */
    static String describe(Throwable e) {
        if (e instanceof ConnectException || (e != null && e.getClass().getSimpleName().contains("Connect"))) {
            return "connection refused or unreachable";
        }
        if (e != null && e.getClass().getSimpleName().contains("Timeout")) {
            return "timed out";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "TLS handshake failed";
        }
        return "the connection failed";
    }
}
