package no.katapult.launcher;

/** The table printed once the stack is ready. */
final class Banner {

    private Banner() {
    }

    static String table(Settings s, String demo, String seconds) {
        String kcBase = s.oidcUrl().replaceFirst("/realms/.*$", "");
        StringBuilder sb = new StringBuilder();
        sb.append('\n');
        sb.append("  Norsk katapult is up (").append(seconds).append(" s). Demo data: ").append(demo).append('\n');
        sb.append('\n');
        row(sb, "Gateway (the API)", s.gatewayUrl() + "/api/v1/...");
        row(sb, "Swagger UI", s.gatewayUrl() + "/q/swagger-ui");
        row(sb, "OpenAPI (merged)", s.gatewayUrl() + "/q/openapi");
        row(sb, "catapult-registry", "http://localhost:" + s.registryPort() + "  (centres, facilities, equipment, organisations)");
        row(sb, "application-service", "http://localhost:" + s.applicationPort() + "  (calls, applications)");
        row(sb, "facility-booking", "http://localhost:" + s.bookingPort() + "  (bookings, availability, aid)");
        row(sb, "event-hub", "http://localhost:" + s.eventsPort() + "  (events, subscriptions)");
        if (s.localKeycloak()) {
            row(sb, "Keycloak admin", kcBase + "/admin/  (" + s.keycloakAdminUser() + " / "
                    + s.keycloakAdminPassword() + ", demo only)");
        }
        if (s.replicas() > 1) {
            row(sb, "Replicas", Service.instances(s).stream().filter(i -> i.instance() > 1)
                    .map(i -> i.name() + " " + i.port(s)).collect(java.util.stream.Collectors.joining(", ")));
        }
        row(sb, "OIDC realm", s.oidcUrl());
        if (s.localMail()) {
            row(sb, "Mail, SMTP", "127.0.0.1:" + s.mailSmtpPort() + "  (GreenMail; event-hub sends the notifications here)");
            row(sb, "Mail, IMAP", "127.0.0.1:" + s.mailImapPort() + "  (any IMAP client: user = full address, e.g. "
                    + "sme-anna@demo.katapult.no, any password; demo only)");
        }
        row(sb, "PostgreSQL", s.jdbcUrl("") + "  (user " + s.dbUser() + "; databases catapult_registry, "
                + "catapult_application, catapult_booking, catapult_events)");
        row(sb, "Traces", s.localTraces() ? s.otlpEndpoint() + "/v1/traces/<traceId>  (the traceId of a problem or a log line; "
                + "/v1/traces lists the latest)" : s.otlpEndpoint() + "  (CATAPULT_OTLP_ENDPOINT)");
        row(sb, "Logs", s.root().relativize(s.logDir()) + "/<part>.log");
        sb.append('\n');
        sb.append("  Demo users have password = username: siva-admin, sme-anna, sme-bjorn, applicant-sin, applicant-mcb,\n");
        sb.append("  reviewer-1, reviewer-2, operator-halden, operator-digicat. Get a token and call the API:\n");
        sb.append('\n');
        sb.append("    TOKEN=$(curl -s -d grant_type=password -d client_id=catapult-cli -d username=sme-anna -d password=sme-anna \\\n");
        sb.append("      ").append(s.tokenUrl()).append(" | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')\n");
        sb.append("    curl -H \"Authorization: Bearer $TOKEN\" ").append(s.gatewayUrl()).append("/api/v1/bookings\n");
        sb.append('\n');
        sb.append("  Ctrl-C (or ./catapult down) stops everything. ./catapult stop|start|restart <part> controls one part\n");
        sb.append("  (registry, application, booking, events, gateway").append(s.localKeycloak() ? ", keycloak" : "")
                .append(s.localMail() ? ", mail" : "")
                .append(s.embeddedDatabase() ? ", postgres" : "").append(") while the rest keeps running.\n");
        return sb.toString();
    }

    private static void row(StringBuilder sb, String what, String where) {
        sb.append(String.format("  %-20s %s%n", what, where));
    }
}
