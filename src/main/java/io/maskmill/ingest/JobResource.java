package io.maskmill.ingest;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.maskmill.events.JobPlanned;
import io.maskmill.events.JobRequested;
import io.maskmill.ledger.JobLedger;
import io.maskmill.ledger.JobResumer;

/** The jobs API: start a job, see how far it got. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
    private final IngestService ingest;
    private final JobStatusService status;
    private final JobLedger ledger;
    private final JobResumer resumer;

    public JobResource(IngestService ingest, JobStatusService status, JobLedger ledger, JobResumer resumer) {
        this.ingest = ingest;
        this.status = status;
        this.ledger = ledger;
        this.resumer = resumer;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a job", description = "Validates the prompts, plans classes × imagesPerClass"
            + " samples and requests them. The same jobId with the same request is accepted again (idempotent).")
    @APIResponse(responseCode = "202", description = "Planned; Location points at the job's status")
    @APIResponse(responseCode = "400", description = "The request or its prompt list is invalid; nothing was started")
    @APIResponse(responseCode = "409", description = "The jobId already names a different job")
    @APIResponse(responseCode = "503", description = "The store is unavailable; retry later")
    @RequestBody(content = @Content(schema = @Schema(implementation = JobRequested.class)))
    public Response submit(byte[] body) {
        JobPlanned planned = ingest.submit(body);
        return Response.accepted(planned).location(URI.create("/jobs/" + planned.jobId())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A job's state and per-stage counts, derived from the store")
    @APIResponse(responseCode = "200", description = "The job's status")
    @APIResponse(responseCode = "404", description = "No such job")
    public JobStatus get(@PathParam("id") String id) {
        return status.status(id);
    }

    @POST
    @Path("/{id}/export")
    @Operation(summary = "Export the job's dataset now, from the samples completed so far",
            description = "A job exports itself when every sample has ended; this asks for it earlier or again.")
    @APIResponse(responseCode = "202", description = "Export requested")
    @APIResponse(responseCode = "404", description = "No such job")
    public Response export(@PathParam("id") String id) {
        status.status(id);
        ledger.requestExport(id);
        return Response.accepted().location(URI.create("/jobs/" + id)).build();
    }

    @GET
    @Path("/{id}/samples")
    @Operation(summary = "A page of the job's samples and how each ended",
            description = "In plan order; pass the answer's next as after for the following page.")
    @APIResponse(responseCode = "200", description = "The page")
    @APIResponse(responseCode = "400", description = "Bad limit, state or after")
    @APIResponse(responseCode = "404", description = "No such job")
    public SamplePage samples(@PathParam("id") String id, @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("state") String state) {
        return status.samples(id, after, limit, state);
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Drive every sample that has not ended (or failed) on from where it got to",
            description = "Nothing finished is computed again: each sample continues after the last stage whose"
                    + " output is complete in the store.")
    @APIResponse(responseCode = "202", description = "Resumed; the body says how many samples were driven")
    @APIResponse(responseCode = "404", description = "No such job")
    public Response resume(@PathParam("id") String id) {
        status.status(id);
        JobResumer.Resumed resumed = resumer.resume(id, true);
        return Response.accepted(resumed).location(URI.create("/jobs/" + id)).build();
    }
}
