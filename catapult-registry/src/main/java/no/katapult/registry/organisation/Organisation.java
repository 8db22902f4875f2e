package no.katapult.registry.organisation;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import no.katapult.common.money.Money;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An organisation known by its organisation number, with its SME declaration if it has made one. */
@Entity
@Table(name = "organisation")
public class Organisation extends PanacheEntityBase {

    @Id
    @Column(name = "org_no")
    public String orgNo;

    public String name;

    @Enumerated(EnumType.STRING)
    public OrganisationKind kind;

    @Column(name = "sme_employees")
    public Integer smeEmployees;

    @Column(name = "sme_annual_turnover")
    public BigDecimal smeAnnualTurnover;

    @Column(name = "sme_balance_sheet_total")
    public BigDecimal smeBalanceSheetTotal;

    @Column(name = "sme_fiscal_year")
    public Integer smeFiscalYear;

    @Column(name = "sme_has_linked_enterprises")
    public Boolean smeHasLinkedEnterprises;

    @Column(name = "sme_declared_at")
    public OffsetDateTime smeDeclaredAt;

    @Version
    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    static Organisation create(String orgNo) {
        Organisation o = new Organisation();
        o.orgNo = orgNo;
        o.createdAt = OffsetDateTime.now();
        return o;
    }

    /** Replaces name, kind and declaration (PUT semantics): no declaration in the body removes it. */
    void apply(OrganisationInput in) {
        name = in.name().strip();
        kind = in.kind();
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
                smeDeclaredAt = OffsetDateTime.now();
            }
            smeEmployees = d.employees();
            smeAnnualTurnover = Money.nok(d.annualTurnover().amount()).amount();
            smeBalanceSheetTotal = Money.nok(d.balanceSheetTotal().amount()).amount();
            smeFiscalYear = d.fiscalYear();
            smeHasLinkedEnterprises = d.hasLinkedEnterprises();
        }
        updatedAt = OffsetDateTime.now();
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
