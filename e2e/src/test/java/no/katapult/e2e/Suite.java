package no.katapult.e2e;

import no.katapult.client.Api;

/**
 * The running suite, reached only through the gateway, with tokens from Keycloak's token endpoint: the one client
 * that journeys and drills share (the drills switch its retries off, see {@code Drills.API}).
 */
public final class Suite {
    public static final String GATEWAY = setting("gateway.url", "E2E_GATEWAY_URL", "http://localhost:8080");
    public static final String KEYCLOAK = setting("keycloak.url", "E2E_KEYCLOAK_URL", "http://localhost:8180");
    public static final String REALM = KEYCLOAK + "/realms/catapult";

    /** The partner system of the demo realm, a client with client credentials. */
    public static final String PARTNER = "innovasjon-norge";
    public static final String PARTNER_SECRET = "innovasjon-norge-secret";

    /** As any client of the suite: a 503 or 429 to a request that may be repeated is asked again. */
    public static final Api API = Api.builder(GATEWAY).tokens(REALM + "/protocol/openid-connect/token").build();

    private Suite() {
    }

    /** A system property (as the pom passes it), else the environment variable, else the fallback. */
    public static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank() || v.startsWith("${")) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? fallback : v;
    }
}
