package io.maskmill.export;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.ErrorBody;
import io.maskmill.events.EventSink;
import io.maskmill.events.EventsConfig;
import io.maskmill.events.InvalidInputException;
import io.maskmill.store.ArtifactStore;

/** {@code POST /jobs/augment}: an augment job over a dataset already in the store. */
@Path("/jobs/augment")
@Produces(MediaType.APPLICATION_JSON)
public class AugmentResource {
    /**
     * @param source the dataset's prefix in the store ({@code datasets/coco-mini/}) or an artifact URI of it
     * @param format {@code coco} or {@code voc}
     * @param limit  import at most this many images (0 or absent: all)
     */
    public record AugmentRequest(String jobId, String format, String source, Integer limit) {
    }

    private final ArtifactStore store;
    private final AugmentService augment;

    public AugmentResource(ArtifactStore store, EventSink events, ObjectMapper json, EventsConfig config) {
        this.store = store;
        this.augment = new AugmentService(store, events, json, config.source() + "/augment");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start an augment job", description = "Imports a VOC or COCO dataset stored under a prefix"
            + " as the samples of a new job and sends them through thesaurus, place and harmonize.")
    @APIResponse(responseCode = "202", description = "Imported and started; Location points at the job's status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AugmentService.Started.class)))
    @APIResponse(responseCode = "400", description = "Not a dataset, or a bad request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "The jobId already names a job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response start(AugmentRequest request) {
        if (request == null || request.source() == null || request.source().isBlank() || request.format() == null) {
            throw new InvalidInputException("give \"format\" (coco or voc) and \"source\" (a prefix or URI in the store)");
        }
        String source = request.source().endsWith("/") ? request.source() : request.source() + "/";
        // a folder is no object: resolve a key inside it, then drop that last segment
        String prefix = source.contains(":") ? store.keyOf(URI.create(source + "x")).replaceFirst("x$", "") : source;
        AugmentService.Started started = augment.start(request.jobId(), AugmentService.Format.of(request.format()),
                DatasetFiles.store(store, prefix), request.limit() == null ? 0 : request.limit());
        return Response.accepted(started).location(URI.create("/jobs/" + started.jobId())).build();
    }
}
