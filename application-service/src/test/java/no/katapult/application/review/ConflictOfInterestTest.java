package no.katapult.application.review;

import no.katapult.application.Application;
import no.katapult.application.ApplicationPartner;
import no.katapult.application.reviewer.Tie;
import no.katapult.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static no.katapult.application.reviewer.Tie.Kind.CONFLICT;
import static no.katapult.application.reviewer.Tie.Kind.MEMBER;
import static no.katapult.application.reviewer.Tie.Source.DECLARED;
import static no.katapult.application.reviewer.Tie.Source.POOL_CONFLICT;
import static no.katapult.application.reviewer.Tie.Source.POOL_ORGANISATION;
import static no.katapult.application.reviewer.Tie.Source.TOKEN;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConflictOfInterestTest {

    static Application application() {
        Application a = new Application();
        a.leadOrgNo = "930000019";
        a.partners.add(new ApplicationPartner("930000027", "Media City Bergen (demo)", "Partner"));
        return a;
    }

    @Test
    void aReviewerFromTheLeadOrAPartnerConflicts() {
        List<ConflictOfInterest> conflicts = ConflictOfInterest.find(application(), Map.of(
                "lead-employee", List.of(Tie.member("930000019", TOKEN)),
                "partner-employee", List.of(Tie.member("990000018", TOKEN), Tie.member("930000027", POOL_ORGANISATION)),
                "clean", List.of(Tie.member("990000018", TOKEN))));
        assertEquals(2, conflicts.size());
        assertTrue(conflicts.contains(new ConflictOfInterest("lead-employee", "930000019", "lead applicant", MEMBER, TOKEN)));
        assertTrue(conflicts.contains(new ConflictOfInterest("partner-employee", "930000027",
                "consortium partner Media City Bergen (demo)", MEMBER, POOL_ORGANISATION)));
    }

    @Test
    void aRecordedConflictWithAPartyConflictsEvenWithoutWorkingThere() {
        List<ConflictOfInterest> conflicts = ConflictOfInterest.find(application(), Map.of(
                "listed", List.of(Tie.member("990000018", POOL_ORGANISATION), Tie.conflict("930000019", POOL_CONFLICT)),
                "declared", List.of(Tie.conflict("930000027", DECLARED)),
                "elsewhere", List.of(Tie.conflict("930000043", DECLARED))));
        assertEquals(2, conflicts.size());
        assertTrue(conflicts.contains(new ConflictOfInterest("listed", "930000019", "lead applicant", CONFLICT,
                POOL_CONFLICT)));
        assertTrue(conflicts.contains(new ConflictOfInterest("declared", "930000027",
                "consortium partner Media City Bergen (demo)", CONFLICT, DECLARED)));
    }

    @Test
    void oneTieRecordedTwiceIsOneConflict() {
        List<ConflictOfInterest> conflicts = ConflictOfInterest.find(application(), Map.of(
                "r", List.of(Tie.member("930000019", POOL_ORGANISATION), Tie.member("930000019", TOKEN),
                        Tie.conflict("930000019", DECLARED))));
        assertEquals(List.of(new ConflictOfInterest("r", "930000019", "lead applicant", MEMBER, POOL_ORGANISATION)),
                conflicts);
    }

    @Test
    void conflictsAre409NamingEachOne() {
        assertDoesNotThrow(() -> ConflictOfInterest.refuse(List.of()));
        ProblemException e = assertThrows(ProblemException.class, () -> ConflictOfInterest.refuse(
                ConflictOfInterest.find(application(), Map.of("r1", List.of(Tie.member("930000019", TOKEN))))));
        assertEquals(409, e.status());
        assertEquals("conflict-of-interest", e.slug());
        assertTrue(e.getMessage().contains("r1 belongs to 930000019, the lead applicant"), e.getMessage());
        assertEquals(List.of(new ConflictOfInterest("r1", "930000019", "lead applicant", MEMBER, TOKEN)),
                e.extensions().get("conflicts"));

        ProblemException declared = assertThrows(ProblemException.class, () -> ConflictOfInterest.refuse(
                ConflictOfInterest.find(application(), Map.of("r2", List.of(Tie.conflict("930000027", DECLARED))))));
        assertTrue(declared.getMessage().contains("r2 has a conflict of interest with 930000027, the consortium partner "
                + "Media City Bergen (demo) of this application (according to their own declaration)"), declared.getMessage());
    }
}
