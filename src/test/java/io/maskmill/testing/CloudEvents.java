package io.maskmill.testing;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.response.Response;

/** Posts real CloudEvents over HTTP, in both of the HTTP binding's modes. */
public final class CloudEvents {
    private CloudEvents() {
    }

    /** Binary mode: attributes as {@code ce-*} headers, the data as the body. */
    public static Response binary(String type, String json) {
        return binary(type, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
    }

    public static Response binary(String type, byte[] body, Map<String, String> extensions) {
        var request = given().header("ce-specversion", "1.0").header("ce-id", UUID.randomUUID().toString())
                .header("ce-source", "/tests").header("ce-type", type).contentType("application/json").body(body);
        extensions.forEach((name, value) -> request.header("ce-" + name, value));
        return request.post("/");
    }

    /** Structured mode: the whole event as one JSON document. */
    public static Response structured(String type, String dataJson) {
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/tests\",\"type\":\""
                + type + "\",\"datacontenttype\":\"application/json\",\"data\":" + dataJson + "}";
        return given().contentType("application/cloudevents+json").body(event).post("/");
    }
}
