package no.katapult.application.application;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A consortium partner of an application. */
@Embeddable
public class Partner {

    @Column(name = "org_no", nullable = false)
    public String orgNo;

    @Column(nullable = false)
    public String name;

    public String role;

    public Partner() {
    }

    public Partner(String orgNo, String name, String role) {
        this.orgNo = orgNo;
        this.name = name;
        this.role = role;
    }
}
