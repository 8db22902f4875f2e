package no.katapult.common.security;

/** The realm roles of the API guide, as constants for {@code @RolesAllowed} and {@link Caller#has}. */
public final class Roles {
    /** A person acting for a small or medium enterprise; carries {@code org_no}. */
    public static final String SME = "sme";
    /** A person acting for an applicant organisation; carries {@code org_no}. */
    public static final String APPLICANT = "applicant";
    /** Staff at one catapult centre or node; carries {@code centre_code}. */
    public static final String OPERATOR = "centre-operator";
    /** An assessor of applications; carries {@code org_no} (their employer). */
    public static final String REVIEWER = "reviewer";
    /** Programme administrators at Siva. */
    public static final String ADMIN = "siva-admin";
    /** A machine client such as Innovasjon Norge (client credentials). */
    public static final String PARTNER = "partner";
    /** A component of the suite calling another (a service account): reads the producers' event feeds. */
    public static final String INTERNAL = "internal";

    private Roles() {
    }
}
