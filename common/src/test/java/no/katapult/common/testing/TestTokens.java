package no.katapult.common.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Real signed JWTs for tests, shaped like Keycloak's: roles in {@code realm_access.roles} and in
 * {@code groups}, plus the {@code org_no} / {@code centre_code} claims. Signed with the key of
 * {@code OidcWiremockTestResource}, so services validate them as they would in production.
 */
public final class TestTokens {
    public static final String ISSUER = "https://server.example.com";
    /** The audience every service requires; Keycloak adds it through the katapult-api client scope. */
    public static final String AUDIENCE = "katapult-api";

    private TestTokens() {
    }

    public static Builder user(String username, String... roles) {
        return new Builder(username, roles);
    }

    public static String sme(String username, String orgNo) {
        return user(username, "sme").orgNo(orgNo).sign();
    }

    public static String admin() {
        return user("siva-admin", "siva-admin").sign();
    }

    public static String operator(String username, String centreCode) {
        return user(username, "centre-operator").centreCode(centreCode).sign();
    }

    public static String partner() {
        return user("service-account-innovasjon-norge", "partner").sign();
    }

    public static final class Builder {
        private final String username;
        private final String[] roles;
        private String orgNo;
        private String centreCode;
        private String email;
        private String locale;
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private Instant expiresAt = Instant.now().plusSeconds(3600);
        private Instant issuedAt = Instant.now();

        private Builder(String username, String[] roles) {
            this.username = username;
            this.roles = roles;
        }

        public Builder orgNo(String orgNo) {
            this.orgNo = orgNo;
            return this;
        }

        public Builder centreCode(String centreCode) {
            this.centreCode = centreCode;
            return this;
        }

        /** The {@code email} claim, as Keycloak's email scope gives it. */
        public Builder email(String email) {
            this.email = email;
            return this;
        }

        /** The {@code locale} claim (the user's locale attribute). */
        public Builder locale(String locale) {
            this.locale = locale;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder expired() {
            this.issuedAt = Instant.now().minusSeconds(7200);
            this.expiresAt = Instant.now().minusSeconds(3600);
            return this;
        }

        private JwtClaimsBuilder claims() {
            JwtClaimsBuilder b = Jwt.issuer(issuer)
                    .subject("sub-" + username)
                    .audience(audience)
                    .preferredUserName(username)
                    .groups(new HashSet<>(Arrays.asList(roles)))
                    .claim("realm_access", Map.of("roles", List.of(roles)))
                    .issuedAt(issuedAt)
                    .expiresAt(expiresAt);
            if (orgNo != null) {
                b.claim("org_no", orgNo);
            }
            if (centreCode != null) {
                b.claim("centre_code", centreCode);
            }
            if (email != null) {
                b.claim("email", email);
            }
            if (locale != null) {
                b.claim("locale", locale);
            }
            return b;
        }

        /** Signed with the test OIDC server's key. */
        public String sign() {
            return claims().sign();
        }

        /** Signed with a key nobody trusts: a forged token. */
        public String signWithForeignKey() {
            try {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048);
                KeyPair pair = gen.generateKeyPair();
                return claims().jws().keyId("1").sign(pair.getPrivate());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
