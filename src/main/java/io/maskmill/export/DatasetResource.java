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
    public JsonNode current(@PathParam("id") String id) {
        return exports.current(id).orElseThrow(() -> new NoSuchArtifactException("job '" + id + "' has no published dataset"));
    }
}
