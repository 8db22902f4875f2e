package no.katapult.application.review;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import no.katapult.common.pagination.PageParams;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.query.QueryParams;
import no.katapult.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/calls/{id}/ranking")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews", description = "Reviewer assignment, reviews, assessment and ranking")
public class RankingResource {

    @Inject
    ReviewService reviews;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getCallRanking", summary = "Applications of a call under review or decided, best weighted "
            + "total first (unreviewed last, then by reference)")
    @APIResponse(responseCode = "200", description = "A page of the ranking; `rank` counts across pages")
    @APIResponse(responseCode = "404", description = "No such call")
    public PageResponse<RankingEntryView> ranking(@PathParam("id") UUID id, @BeanParam PageParams paging) {
        QueryParams params = new QueryParams();
        PageRequest page = params.page(paging);
        params.done();
        List<RankingEntryView> all = reviews.ranking(id);
        int from = Math.min(page.offset(), all.size());
        int to = Math.min(from + page.size(), all.size());
        return PageResponse.of(all.subList(from, to), page, all.size());
    }
}
