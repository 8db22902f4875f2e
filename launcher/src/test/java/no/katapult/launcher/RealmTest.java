package no.katapult.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo realm that ./catapult up imports into Keycloak (OWASP API2: broken authentication). */
class RealmTest {

    private static JsonNode realm() throws Exception {
        return new ObjectMapper().readTree(Files.readString(Path.of("..", "deploy", "keycloak", "catapult-realm.json")));
    }

    @Test
    void bruteForceDetectionLocksAnAccountTemporarilyAfterRepeatedFailures() throws Exception {
        JsonNode realm = realm();
        assertTrue(realm.path("bruteForceProtected").asBoolean(), "brute-force detection is on");
        assertFalse(realm.path("permanentLockout").asBoolean(true), "lockouts are temporary (no denial of service by lockout)");
        int failures = realm.path("failureFactor").asInt();
        assertTrue(failures >= 3 && failures <= 30, "locks after a bounded number of failures: " + failures);
        assertTrue(realm.path("waitIncrementSeconds").asInt() >= 30);
        assertTrue(realm.path("maxFailureWaitSeconds").asInt() >= realm.path("waitIncrementSeconds").asInt());
    }

    @Test
    void accessTokensAreShortLived() throws Exception {
        int lifespan = realm().path("accessTokenLifespan").asInt();
        assertTrue(lifespan > 0 && lifespan <= 900, "access tokens live at most 15 minutes: " + lifespan);
    }

    @Test
    void theBrowserClientIsPublicWithPkceAndNoImplicitFlow() throws Exception {
        for (JsonNode client : realm().path("clients")) {
            if (client.path("clientId").asText().equals("catapult-swagger")) {
                assertTrue(client.path("publicClient").asBoolean());
                assertFalse(client.path("implicitFlowEnabled").asBoolean());
                assertEquals("S256", client.path("attributes").path("pkce.code.challenge.method").asText());
                return;
            }
        }
        throw new AssertionError("no catapult-swagger client");
    }

    @Test
    void everyDemoUserHasADemoAddressAndALocaleThatTheirTokensCarry() throws Exception {
        JsonNode realm = realm();
        boolean englishSme = false;
        int people = 0;
        for (JsonNode user : realm.path("users")) {
            if (user.has("serviceAccountClientId")) {
                continue;
            }
            people++;
            String username = user.path("username").asText();
            assertEquals(username + "@demo.katapult.no", user.path("email").asText());
            assertTrue(user.path("emailVerified").asBoolean(), username);
            String locale = user.path("attributes").path("locale").path(0).asText();
            assertTrue(locale.equals("nb") || locale.equals("en"), username + ": " + locale);
            boolean sme = false;
            for (JsonNode role : user.path("realmRoles")) {
                sme |= role.asText().equals("sme");
            }
            englishSme |= sme && locale.equals("en");
        }
        assertTrue(people >= 9, "the demo users of the README");
        assertTrue(englishSme, "at least one demo SME user reads English mails");
        // locale is a managed attribute only with internationalisation on; bokmål is the default.
        assertTrue(realm.path("internationalizationEnabled").asBoolean());
        assertEquals("nb", realm.path("defaultLocale").asText());
        // The realm's default scopes put both claims into the access token.
        java.util.List<String> defaults = new java.util.ArrayList<>();
        realm.path("defaultDefaultClientScopes").forEach(n -> defaults.add(n.asText()));
        assertTrue(defaults.contains("email") && defaults.contains("profile"), defaults.toString());
        assertTrue(mapsToAccessToken(realm, "email", "email"), "email claim");
        assertTrue(mapsToAccessToken(realm, "profile", "locale"), "locale claim");
    }

    @Test
    void theHubsServiceAccountMayFindUsersInTheAdminApi() throws Exception {
        for (JsonNode user : realm().path("users")) {
            if (user.path("serviceAccountClientId").asText().equals("catapult-internal")) {
                String roles = user.path("clientRoles").path("realm-management").toString();
                assertTrue(roles.contains("\"view-users\"") && roles.contains("\"query-users\""), roles);
                assertFalse(roles.contains("manage-users"), "reads only: " + roles);
                return;
            }
        }
        throw new AssertionError("no service account of catapult-internal");
    }

    private static boolean mapsToAccessToken(JsonNode realm, String scope, String claim) {
        for (JsonNode s : realm.path("clientScopes")) {
            if (s.path("name").asText().equals(scope)) {
                for (JsonNode mapper : s.path("protocolMappers")) {
                    JsonNode config = mapper.path("config");
                    if (config.path("claim.name").asText().equals(claim)
                            && config.path("access.token.claim").asText().equals("true")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
