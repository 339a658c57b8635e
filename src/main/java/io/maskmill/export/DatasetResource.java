package io.maskmill.export;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;

import io.maskmill.events.EventSink;
import io.maskmill.events.EventType;
import io.maskmill.events.EventsConfig;
import io.maskmill.events.ExportRequested;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.store.NoSuchArtifactException;

/** A job's published dataset: where it is ({@code GET}), and asking for a new export ({@code POST}). */
@Path("/jobs/{id}/dataset")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {
    private final ExportService exports;
    private final EventSink events;
    private final String source;

    public DatasetResource(ExportService exports, EventSink events, EventsConfig config) {
        this.exports = exports;
        this.events = events;
        this.source = config.source() + "/api";
    }

    @GET
    @Operation(summary = "The job's current dataset pointer (CURRENT.json): version, prefix, counts, problems")
    public JsonNode current(@PathParam("id") String id) {
        return exports.current(id).orElseThrow(() -> new NoSuchArtifactException("job '" + id + "' has no published dataset"));
    }

    @POST
    @Operation(summary = "Request an export (maskmill.export.requested); the dataset is published when it is done")
    public Response request(@PathParam("id") String id, @QueryParam("formats") List<String> formats) {
        ExportRequested request = new ExportRequested(id, formats);
        events.publish(OutgoingEvent.of(EventType.EXPORT_REQUESTED, source, id, null, request));
        return Response.accepted(request).location(URI.create("/jobs/" + id + "/dataset")).build();
    }
}
