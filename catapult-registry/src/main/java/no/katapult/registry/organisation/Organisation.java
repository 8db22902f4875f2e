package no.katapult.registry.organisation;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import no.katapult.common.money.Money;
import no.katapult.common.persistence.VersionedEntity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An organisation known by its organisation number, with its SME declaration if it has made one. */
@Entity
@Table(name = "organisation")
public class Organisation extends VersionedEntity {

    @Id
    public String orgNo;

    public String name;

    @Enumerated(EnumType.STRING)
    public OrganisationKind kind;

    public String contactName;

    public String contactEmail;

    public Integer smeEmployees;

    public BigDecimal smeAnnualTurnover;

    public BigDecimal smeBalanceSheetTotal;

    public Integer smeFiscalYear;

    public Boolean smeHasLinkedEnterprises;

    public OffsetDateTime smeDeclaredAt;

    static Organisation create(String orgNo) {
        Organisation o = new Organisation();
        o.orgNo = orgNo;
        return o;
    }

    /** Replaces name, kind, contact person and declaration (PUT semantics): what the body leaves out is removed. */
    void apply(OrganisationRequest in, OffsetDateTime now) {
        name = in.name().strip();
        kind = in.kind();
        ContactPerson contact = in.contactPerson();
        contactName = contact == null || contact.name() == null || contact.name().isBlank() ? null : contact.name().strip();
        contactEmail = contact == null ? null : contact.email().strip();
        SmeDeclaration d = in.smeDeclaration();
        if (d == null) {
            smeEmployees = null;
            smeAnnualTurnover = null;
            smeBalanceSheetTotal = null;
            smeFiscalYear = null;
            smeHasLinkedEnterprises = null;
            smeDeclaredAt = null;
        } else {
            if (!d.equals(declaration())) {
                smeDeclaredAt = now;
            }
            smeEmployees = d.employees();
            smeAnnualTurnover = Money.nok(d.annualTurnover().amount()).amount();
            smeBalanceSheetTotal = Money.nok(d.balanceSheetTotal().amount()).amount();
            smeFiscalYear = d.fiscalYear();
            smeHasLinkedEnterprises = d.hasLinkedEnterprises();
        }
        touch(now);
    }

    public SmeDeclaration declaration() {
        if (smeEmployees == null) {
            return null;
        }
        return new SmeDeclaration(smeEmployees, Money.nok(smeAnnualTurnover), Money.nok(smeBalanceSheetTotal),
                smeFiscalYear, smeHasLinkedEnterprises);
    }

    /** Derived on every read, so a changed EUR/NOK rate applies at once. Null without a declaration. */
    public SmeClass smeClass(BigDecimal eurNokRate) {
        if (smeEmployees == null) {
            return null;
        }
        return SmeClass.classify(smeEmployees, smeAnnualTurnover, smeBalanceSheetTotal, eurNokRate);
    }
}
