package no.katapult.application.attachment;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import no.katapult.application.config.ApplicationServiceConfig;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An upload still unfinished after APPLICATION_ATTACHMENT_ABANDON_AFTER is deleted with its chunks; a younger
 * one and a stored file are kept. The rows are written in a transaction that is rolled back afterwards.
 */
@QuarkusTest
class AbandonedUploadPurgeTest {

    @Inject
    AttachmentService attachments;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ApplicationServiceConfig config;

    @Test
    void unfinishedUploadsPastTheLimitAreDeletedWithTheirChunksAndNothingElse() {
        UUID application = UUID.fromString(AttachmentTest.draft());
        OffsetDateTime limit = OffsetDateTime.now(clock).minus(config.attachments().abandonAfter());
        QuarkusTransaction.begin();
        try {
            UUID abandoned = insert(application, "UPLOADING", limit.minusMinutes(1));
            UUID stillUploading = insert(application, "UPLOADING", limit.plusMinutes(1));
            UUID storedLongAgo = insert(application, "STORED", limit.minusDays(30));

            attachments.purgeAbandoned();

            @SuppressWarnings("unchecked")
            List<UUID> left = em.createNativeQuery("SELECT id FROM attachment WHERE application_id = ?1", UUID.class)
                    .setParameter(1, application).getResultList();
            assertEquals(Set.of(stillUploading, storedLongAgo), Set.copyOf(left));
            assertEquals(0L, ((Number) em.createNativeQuery("SELECT count(*) FROM attachment_chunk WHERE attachment_id = ?1")
                    .setParameter(1, abandoned).getSingleResult()).longValue(), "its chunks went with it");
            assertEquals(2L, ((Number) em.createNativeQuery("SELECT count(*) FROM attachment_chunk WHERE attachment_id IN (?1, ?2)")
                    .setParameter(1, stillUploading).setParameter(2, storedLongAgo).getSingleResult()).longValue());
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    private UUID insert(UUID application, String state, OffsetDateTime createdAt) {
        UUID id = UUID.randomUUID();
        boolean stored = state.equals("STORED");
        em.createNativeQuery("INSERT INTO attachment (id, application_id, kind, filename, media_type, size, sha256, state, "
                        + "uploaded_by, created_at) VALUES (?1, ?2, CAST(?3 AS varchar), 'budsjett.pdf', "
                        + "CAST(?4 AS varchar), ?5, CAST(?6 AS char(64)), ?7, 'applicant-sin', ?8)")
                .setParameter(1, id).setParameter(2, application)
                .setParameter(3, stored ? "BUDGET" : null).setParameter(4, stored ? "application/pdf" : null)
                .setParameter(5, stored ? 4L : 0L).setParameter(6, stored ? "a".repeat(64) : null)
                .setParameter(7, state).setParameter(8, createdAt).executeUpdate();
        em.createNativeQuery("INSERT INTO attachment_chunk (attachment_id, seq, data) VALUES (?1, 0, ?2)")
                .setParameter(1, id).setParameter(2, new byte[] {'%', 'P', 'D', 'F'}).executeUpdate();
        return id;
    }
}
