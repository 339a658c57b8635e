package io.maskmill.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document a client generates code from: typed bodies, errors, the bearer scheme. */
@QuarkusTest
class ApiDescriptionTest {
    @Test
    void theJobsApiIsDescribedWithTypedBodies() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().asByteArray());
        JsonNode schemas = doc.path("components").path("schemas");
        // no Jackson tree internals anywhere: prompts is an array of strings or {class, prompt}
        String text = doc.toString();
        for (String internal : List.of("containerNode", "valueNode", "missingNode", "nodeType")) {
            assertFalse(text.contains(internal), internal + " leaks into the API description");
        }
        JsonNode prompts = schemas.path("JobRequested").path("properties").path("prompts");
        assertEquals("array", prompts.path("type").asText(), prompts.toString());
        JsonNode inline = schemas.path("InlinePrompt");
        assertEquals(2, inline.path("oneOf").size(), inline.toString());
        assertTrue(schemas.path("ClassedPrompt").path("properties").has("class"), schemas.path("ClassedPrompt").toString());

        JsonNode post = doc.path("paths").path("/jobs").path("post");
        assertTrue(post.path("requestBody").toString().contains("#/components/schemas/JobRequested"), post.toString());
        assertTrue(post.path("responses").path("202").toString().contains("#/components/schemas/JobPlanned"));
        for (String code : List.of("400", "401", "409", "503")) {
            assertTrue(post.path("responses").path(code).toString().contains("#/components/schemas/ErrorBody"),
                    code + ": " + post.path("responses"));
        }
        assertTrue(doc.path("paths").path("/jobs/{id}").path("get").path("responses").path("404").toString()
                .contains("ErrorBody"));
        JsonNode bearer = doc.path("components").path("securitySchemes").path("bearer");
        assertEquals("http", bearer.path("type").asText(), doc.path("components").toString());
        assertEquals("bearer", bearer.path("scheme").asText());
        assertTrue(post.path("security").toString().contains("bearer"), post.toString());
        assertEquals(List.of("error", "status"), fieldNames(schemas.path("ErrorBody").path("properties")));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }
}
