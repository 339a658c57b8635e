package io.maskmill.export;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;

import io.maskmill.store.NoSuchArtifactException;

/** Where a job's published dataset is ({@code POST /jobs/{id}/export} asks for a new one). */
@Path("/jobs/{id}/dataset")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {
    private final ExportService exports;

    public DatasetResource(ExportService exports) {
        this.exports = exports;
    }

    @GET
    @Operation(summary = "The job's current dataset pointer (CURRENT.json): version, prefix, counts, problems")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200",
            description = "The pointer's JSON object as the export wrote it",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(
                            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT,
                            additionalProperties = Object.class)))
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "404",
            description = "No such job, or it has no published dataset yet",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(
                            implementation = io.maskmill.events.ErrorBody.class)))
    public JsonNode current(@PathParam("id") String id) {
        return exports.current(id).orElseThrow(() -> new NoSuchArtifactException("job '" + id + "' has no published dataset"));
    }
}
