package no.katapult.application.attachment;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import no.katapult.application.Application;
import no.katapult.application.ApplicationAccess;
import no.katapult.application.AttachmentKind;
import no.katapult.application.Transition;
import no.katapult.application.config.ApplicationServiceConfig;
import no.katapult.application.history.History;
import no.katapult.application.history.HistoryAction;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.persistence.RetentionPurge;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemMember;
import no.katapult.common.security.Caller;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The rules of attachments: the lead applicant adds and deletes them while the application is a draft; whoever may
 * see the whole application (its organisations, its assigned reviewers, siva-admin) reads them; partners never do.
 * Each step is a short transaction: the bytes move between them (AttachmentUploads, AttachmentContent).
 */
@ApplicationScoped
public class AttachmentService {

    @Inject
    ApplicationAccess access;

    @Inject
    History history;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    ApplicationServiceConfig config;

    /** What an application's attachments may still take: {@code used} of {@code max} bytes. */
    record Quota(long used, long max) {

        /** 422 when a file of {@code size} bytes would not fit. */
        void check(long size) {
            if (used + size > max) {
                throw ProblemException.unprocessable("attachments-too-large", "An application's attachments may "
                                + "total at most " + mib(max) + " (" + max + " bytes). This one has " + used
                                + " bytes, and this file would take it past that: delete an attachment first.")
                        .with(ProblemMember.LIMIT, max).with(ProblemMember.USED, used);
            }
        }
    }

    /** The bytes of a file part once they are stored, before the attachment is complete. */
    record Received(UUID id, String filename, AttachmentType type, long size, String sha256) {
    }

    /** 404, 403, 409 or 422 before a byte is stored: the caller leads the application, it is a draft, it has room. */
    @Transactional
    public Quota checkUpload(UUID applicationId) {
        Application a = access.requireLead(applicationId, false);
        Transition.EDIT.requireFrom(a.status);
        Quota quota = new Quota(storedBytes(a.id), config.attachments().maxTotalSize().asLongValue());
        quota.check(1);
        return quota;
    }

    /** Records an upload that has begun, so its chunks have a parent; invisible until {@link #complete}. */
    @Transactional
    public void begin(UUID id, UUID applicationId, String filename) {
        Attachment a = new Attachment();
        a.id = id;
        a.applicationId = applicationId;
        a.filename = filename == null ? "" : filename.substring(0, Math.min(filename.length(), 255));
        a.state = Attachment.State.UPLOADING;
        a.uploadedBy = caller.username();
        a.createdAt = OffsetDateTime.now(clock);
        a.persist();
    }

    /**
     * Makes a received file a visible attachment, once the rules still hold with the application locked: it is a
     * draft (it may have been submitted while the file streamed in) and the file fits the quota.
     */
    @Transactional
    public AttachmentView complete(UUID applicationId, Received received, AttachmentKind kind) {
        Application app = access.requireLead(applicationId, true);
        Transition.EDIT.requireFrom(app.status);
        new Quota(storedBytes(app.id), config.attachments().maxTotalSize().asLongValue()).check(received.size());
        Attachment a = Attachment.findById(received.id());
        if (a == null || a.state != Attachment.State.UPLOADING) {
            throw ProblemException.conflict("upload-abandoned", "The upload took longer than "
                    + config.attachments().abandonAfter() + " and was given up; send the file again");
        }
        a.kind = kind;
        a.filename = received.filename();
        a.mediaType = received.type().mediaType;
        a.size = received.size();
        a.sha256 = received.sha256();
        a.state = Attachment.State.STORED;
        history.record(app.id, caller.username(), HistoryAction.ADD_ATTACHMENT, app.status, app.status,
                kind + " " + a.filename + " (" + a.size + " bytes) attached");
        em.flush();
        return AttachmentView.of(a);
    }

    /** Deletes an upload that did not complete, chunks and all, in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void discard(UUID id) {
        em.createNativeQuery("DELETE FROM attachment WHERE id = ?1 AND state = 'UPLOADING'").setParameter(1, id)
                .executeUpdate();
    }

    @Transactional
    public PageResponse<AttachmentView> list(UUID applicationId, PageRequest page) {
        access.requireFull(applicationId);
        long total = Attachment.count("applicationId = ?1 and state = ?2", applicationId, Attachment.State.STORED);
        List<Attachment> items = Attachment.<Attachment>find("applicationId = ?1 and state = ?2 order by createdAt, id",
                applicationId, Attachment.State.STORED).range(page.offset(), page.offset() + page.size() - 1).list();
        return PageResponse.of(items.stream().map(AttachmentView::of).toList(), page, total);
    }

    /** A stored attachment of an application the caller may see whole; 404 otherwise. */
    @Transactional
    public Attachment find(UUID applicationId, UUID attachmentId) {
        access.requireFull(applicationId);
        return stored(applicationId, attachmentId);
    }

    /** The lead applicant deletes an attachment of a draft; If-Match (the file's ETag) is honoured when sent. */
    @Transactional
    public void delete(UUID applicationId, UUID attachmentId, String ifMatch) {
        Application app = access.requireLead(applicationId, true);
        Attachment a = stored(applicationId, attachmentId);
        Transition.EDIT.requireFrom(app.status);
        if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.trim().equals("*") && !ifMatch.contains(a.etag())) {
            throw ProblemException.preconditionFailed("The attachment's ETag is " + a.etag())
                    .with(ProblemMember.CURRENT_ETAG, a.etag());
        }
        a.delete();
        history.record(app.id, caller.username(), HistoryAction.DELETE_ATTACHMENT, app.status, app.status,
                a.kind + " " + a.filename + " deleted");
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeOnSchedule() {
        RetentionPurge.run("abandoned attachment uploads", this::purgeAbandoned);
    }

    /** Uploads that never finished (the client went away, the service stopped) leave no chunks behind. */
    @Transactional
    public int purgeAbandoned() {
        return em.createNativeQuery("DELETE FROM attachment WHERE state = 'UPLOADING' AND created_at < ?1")
                .setParameter(1, OffsetDateTime.now(clock).minus(config.attachments().abandonAfter()))
                .executeUpdate();
    }

    static ProblemException fileTooLarge(long max) {
        return new ProblemException(413, "payload-too-large", "Payload too large",
                "An attachment may be at most " + mib(max) + " (" + max + " bytes); this file is larger")
                .with(ProblemMember.LIMIT, max);
    }

    private static Attachment stored(UUID applicationId, UUID attachmentId) {
        Attachment a = Attachment.findById(attachmentId);
        if (a == null || !a.applicationId.equals(applicationId) || a.state != Attachment.State.STORED) {
            throw ProblemException.notFound("No attachment " + attachmentId + " on application " + applicationId);
        }
        return a;
    }

    private long storedBytes(UUID applicationId) {
        Number sum = (Number) em.createNativeQuery("SELECT coalesce(sum(size), 0) FROM attachment "
                + "WHERE application_id = ?1 AND state = 'STORED'").setParameter(1, applicationId).getSingleResult();
        return sum.longValue();
    }

    static String mib(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
