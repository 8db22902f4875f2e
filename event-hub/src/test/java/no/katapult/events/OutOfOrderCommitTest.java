package no.katapult.events;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import no.katapult.common.events.EventEnvelope;
import no.katapult.common.events.OutboxSequencer;
import no.katapult.common.testing.TestTokens;
import no.katapult.events.ingest.Ingestion;
import no.katapult.events.ingest.Sources;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No event is skipped when transactions commit out of order: T1 inserts an event and stays open, T2 inserts
 * one and commits, the sequencer runs, the feed is read; then T1 commits, the sequencer runs, and reading on
 * from the returned cursor finds T1's event. Each event is read exactly once. Checked on the producer outbox
 * (common's /internal/v1/outbox, which the hub serves as well) and on the hub's own feed after ingestion.
 */
@QuarkusTest
class OutOfOrderCommitTest {

    @Inject
    OutboxSequencer sequencer;

    @Inject
    Ingestion ingestion;

    @Inject
    Sources sources;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    static void insert(Connection c, EventEnvelope e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox_event (id, source, type, subject, sequence, "
                + "occurred_at, org_no, data, partner_data) VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))")) {
            s.setObject(1, e.id());
            s.setString(2, e.source());
            s.setString(3, e.type());
            s.setString(4, e.subject());
            s.setLong(5, e.sequence());
            s.setTimestamp(6, Timestamp.from(e.time().toInstant()));
            s.setString(7, e.orgNo());
            s.setString(8, e.data().toString());
            s.setString(9, e.partnerData() == null ? null : e.partnerData().toString());
            s.executeUpdate();
        }
    }

    long lastPosition() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT last_position FROM outbox_state WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What a reader got: the ids read, and the cursor to read on from. */
    record Read(List<String> ids, String next) {
    }

    /** The producer feed (common's /internal/v1/outbox) after a position, page by page to its end. */
    static Read producerFeed(long after) {
        List<String> ids = new ArrayList<>();
        long cursor = after;
        while (true) {
            Response r = given().auth().oauth2(TestTokens.user("service-account-catapult-internal", "internal").sign())
                    .queryParam("after", cursor).queryParam("limit", 1000).get("/internal/v1/outbox");
            assertEquals(200, r.statusCode(), r.asString());
            List<String> page = r.jsonPath().getList("items.id");
            ids.addAll(page);
            cursor = r.jsonPath().getLong("next");
            if (page.isEmpty()) {
                return new Read(ids, Long.toString(cursor));
            }
        }
    }

    /** The hub's feed (GET /api/v1/events) after a cursor, to its end. */
    static Read hubFeed(String after) {
        List<String> ids = new ArrayList<>();
        String cursor = after;
        while (true) {
            Response r = given().auth().oauth2(TestTokens.admin()).queryParam("after", cursor).queryParam("size", 500)
                    .get("/api/v1/events");
            assertEquals(200, r.statusCode(), r.asString());
            List<String> page = r.jsonPath().getList("items.id");
            ids.addAll(page);
            cursor = r.jsonPath().getString("next");
            if (page.isEmpty()) {
                return new Read(ids, cursor);
            }
        }
    }

    static void assertReadOnce(EventEnvelope event, Read first, Read second) {
        List<String> all = new ArrayList<>(first.ids());
        all.addAll(second.ids());
        assertEquals(1, all.stream().filter(event.id().toString()::equals).count(), event.type() + " read exactly once");
    }

    @Test
    void theProducerOutboxSkipsNothingWhenTransactionsCommitOutOfOrder() throws Exception {
        long start = lastPosition();
        EventEnvelope early = Events.sample("no.katapult.booking.requested", "910000012");
        EventEnvelope late = Events.sample("no.katapult.booking.confirmed", "910000012");
        Read first;
        try (Connection t1 = connect(); Connection t2 = connect()) {
            t1.setAutoCommit(false);
            insert(t1, early);
            t2.setAutoCommit(false);
            insert(t2, late);
            t2.commit();
            sequencer.sequenceAll();

            first = producerFeed(start);
            assertTrue(first.ids().contains(late.id().toString()), "T2's committed event is in the feed");
            assertFalse(first.ids().contains(early.id().toString()), "T1's event is not visible yet");
            t1.commit();
        }
        sequencer.sequenceAll();
        Read second = producerFeed(Long.parseLong(first.next()));
        assertTrue(second.ids().contains(early.id().toString()), "reading on from the cursor finds T1's event");
        assertReadOnce(early, first, second);
        assertReadOnce(late, first, second);
    }

    @Test
    void theHubsFeedSkipsNothingWhenIngestionsCommitOutOfOrder() throws Exception {
        String start = Cursor.of(lastPosition());
        EventEnvelope early = Events.sample("no.katapult.application.submitted", "910000012");
        EventEnvelope late = Events.sample("no.katapult.centre.created", null);
        Read first;
        try (Connection t1 = connect()) {
            // T1: an ingestion of application-service's feed that has appended its event and not committed yet.
            t1.setAutoCommit(false);
            try (Statement s = t1.createStatement()) {
                s.execute("INSERT INTO source_cursor (source) VALUES ('application') ON CONFLICT DO NOTHING");
            }
            t1.commit();
            try (Statement s = t1.createStatement()) {
                s.executeQuery("SELECT last_position FROM source_cursor WHERE source = 'application' FOR UPDATE").close();
            }
            insert(t1, early);
            assertTrue(ingestion.poll("application").skipped(), "another replica skips a source being read");

            // T2: the registry's feed is read and committed meanwhile, through the real ingestion.
            sources.publish("registry", Events.json(late));
            await().atMost(Duration.ofSeconds(15)).until(() -> hubFeed(start).ids().contains(late.id().toString()));
            sequencer.sequenceAll();

            first = hubFeed(start);
            assertTrue(first.ids().contains(late.id().toString()));
            assertFalse(first.ids().contains(early.id().toString()), "T1's event is not visible yet");
            t1.commit();
        }
        sequencer.sequenceAll();
        Read second = hubFeed(first.next());
        assertTrue(second.ids().contains(early.id().toString()), "reading on from the cursor finds T1's event");
        assertReadOnce(early, first, second);
        assertReadOnce(late, first, second);
    }
}
