package no.katapult.application;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A row of application_partner: one consortium partner of an application. */
@Embeddable
public class ApplicationPartner {

    @Column(nullable = false)
    public String orgNo;

    @Column(nullable = false)
    public String name;

    public String role;

    public ApplicationPartner() {
    }

    public ApplicationPartner(String orgNo, String name, String role) {
        this.orgNo = orgNo;
        this.name = name;
        this.role = role;
    }
}
