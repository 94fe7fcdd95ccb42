package io.stagegate.sandbox.hubspot;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The simulated deal pipelines under {@code /sandbox/hubspot/crm/v3/pipelines/deals} (hubspot.md §4). */
@Path("/sandbox/hubspot/crm/v3/pipelines/{objectType}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sandbox HubSpot")
public class HubSpotPipelinesResource {
    private final HubSpotPortal portal;
    private final HubSpotCalls calls;

    HubSpotPipelinesResource(HubSpotPortal portal, HubSpotCalls calls) {
        this.portal = portal;
        this.calls = calls;
    }

    record Results<T>(List<T> results) {
    }

    record PipelineView(String label, int displayOrder, String id, List<StageView> stages, String createdAt, String updatedAt, boolean archived) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StageView(String label, int displayOrder, Map<String, String> metadata, String id, String createdAt, String updatedAt, boolean archived,
            String writePermissions) {
    }

    @GET
    @Operation(summary = "Every deal pipeline with its stages")
    public Results<PipelineView> pipelines(@PathParam("objectType") String objectType) {
        calls.admit("GET /crm/v3/pipelines/deals");
        HubSpotRequests.requireDeals(objectType);
        List<PipelineView> views = new ArrayList<>();
        portal.pipelines.pipelines().forEach(pipeline -> views.add(view(pipeline)));
        return new Results<>(views);
    }

    @GET
    @Path("/{pipelineId}")
    @Operation(summary = "One deal pipeline")
    public PipelineView pipeline(@PathParam("objectType") String objectType, @PathParam("pipelineId") String pipelineId) {
        calls.admit("GET /crm/v3/pipelines/deals/{pipelineId}");
        HubSpotRequests.requireDeals(objectType);
        return view(find(pipelineId));
    }

    @GET
    @Path("/{pipelineId}/stages")
    @Operation(summary = "The stages of one deal pipeline")
    public Results<StageView> stages(@PathParam("objectType") String objectType, @PathParam("pipelineId") String pipelineId) {
        calls.admit("GET /crm/v3/pipelines/deals/{pipelineId}/stages");
        HubSpotRequests.requireDeals(objectType);
        return new Results<>(view(find(pipelineId)).stages());
    }

    @GET
    @Path("/{pipelineId}/stages/{stageId}")
    @Operation(summary = "One stage of a deal pipeline")
    public StageView stage(@PathParam("objectType") String objectType, @PathParam("pipelineId") String pipelineId, @PathParam("stageId") String stageId) {
        calls.admit("GET /crm/v3/pipelines/deals/{pipelineId}/stages/{stageId}");
        HubSpotRequests.requireDeals(objectType);
        DealPipeline pipeline = find(pipelineId);
        DealStage stage = pipeline.stage(stageId)
                .orElseThrow(() -> HubSpotApiException.notFound("Unable to find stage " + stageId + " in pipeline " + pipelineId, null));
        return stageView(stage);
    }

    private DealPipeline find(String pipelineId) {
        return portal.pipelines.pipeline(pipelineId)
                .orElseThrow(() -> HubSpotApiException.notFound("Unable to find pipeline with id " + pipelineId, null));
    }

    private PipelineView view(DealPipeline pipeline) {
        List<StageView> stages = new ArrayList<>();
        pipeline.stages().forEach(stage -> stages.add(stageView(stage)));
        String at = HubSpotTime.text(portal.createdAt());
        return new PipelineView(pipeline.label(), pipeline.displayOrder(), pipeline.id(), stages, at, at, false);
    }

    private StageView stageView(DealStage stage) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("isClosed", Boolean.toString(stage.closed()));
        metadata.put("probability", stage.metadataProbability());
        String at = HubSpotTime.text(portal.createdAt());
        return new StageView(stage.label(), stage.displayOrder(), metadata, stage.id(), at, at, false, "CRM_PERMISSIONS_ENFORCEMENT");
    }
}
