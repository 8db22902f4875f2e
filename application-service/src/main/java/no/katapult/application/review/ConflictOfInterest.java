package no.katapult.application.review;

import no.katapult.application.Application;
import no.katapult.application.ApplicationPartner;
import no.katapult.application.reviewer.Tie;
import no.katapult.common.problem.ProblemException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.katapult.common.problem.ProblemMember;

/**
 * A reviewer tied to a party of the application (the lead or a consortium partner): they belong to it, or a
 * conflict of interest with it is on record. {@code tie} says which, {@code source} where it is recorded.
 */
public record ConflictOfInterest(String reviewer, String orgNo, String party, Tie.Kind tie, Tie.Source source) {

    String describe() {
        return reviewer + (tie == Tie.Kind.MEMBER ? " belongs to " : " has a conflict of interest with ") + orgNo
                + ", the " + party + " of this application (according to " + source.description + ")";
    }

    /** Every conflict among {@code known} (reviewer -> their ties), one per reviewer, organisation and party. */
    public static List<ConflictOfInterest> find(Application a, Map<String, List<Tie>> known) {
        List<ConflictOfInterest> conflicts = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        known.forEach((reviewer, ties) -> {
            for (Tie t : ties) {
                List<String> parties = new ArrayList<>();
                if (t.orgNo().equals(a.leadOrgNo)) {
                    parties.add("lead applicant");
                }
                for (ApplicationPartner p : a.partners) {
                    if (t.orgNo().equals(p.orgNo)) {
                        parties.add("consortium partner " + p.name);
                    }
                }
                for (String party : parties) {
                    if (reported.add(reviewer + "\n" + t.orgNo() + "\n" + party)) {
                        conflicts.add(new ConflictOfInterest(reviewer, t.orgNo(), party, t.kind(), t.source()));
                    }
                }
            }
        });
        return conflicts;
    }

    /** 409 conflict-of-interest naming each conflict, unless there is none. */
    public static void refuse(List<ConflictOfInterest> conflicts) {
        if (conflicts.isEmpty()) {
            return;
        }
        throw new ProblemException(409, "conflict-of-interest", "Conflict of interest",
                "Conflict of interest: " + String.join("; ", conflicts.stream().map(ConflictOfInterest::describe).toList()))
                .with(ProblemMember.CONFLICTS, conflicts);
    }
}
