package no.katapult.application.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

import java.net.URI;
import java.time.Duration;

/**
 * Every setting of application-service; application.properties maps each key to its environment variable,
 * which the README documents.
 */
@ConfigMapping(prefix = "application")
public interface ApplicationServiceConfig {

    Registry registry();

    /** catapult-registry, read for the lead organisation's name. */
    interface Registry {
        /** Where the registry answers (env REGISTRY_URL). */
        URI url();

        /** Time allowed to open a connection (env REGISTRY_CONNECT_TIMEOUT_MS). */
        Duration connectTimeout();

        /** Time allowed for the answer once connected (env REGISTRY_READ_TIMEOUT_MS). */
        Duration readTimeout();
    }

    Http http();

    interface Http {
        /**
         * Largest request body on every route but the attachment upload (env APPLICATION_MAX_BODY_SIZE). The upload
         * route's limit is quarkus.http.limits.max-body-size (env APPLICATION_MAX_UPLOAD_BODY_SIZE).
         */
        MemorySize maxBodySize();
    }

    Attachments attachments();

    interface Attachments {
        /** Largest attached file (env APPLICATION_ATTACHMENT_MAX_FILE_SIZE); larger is 413. */
        MemorySize maxFileSize();

        /** Most bytes of attachments one application may have (env APPLICATION_ATTACHMENT_MAX_TOTAL_SIZE); more is 422. */
        MemorySize maxTotalSize();

        /** An upload still unfinished after this long is abandoned and its chunks are deleted. */
        Duration abandonAfter();
    }
}
