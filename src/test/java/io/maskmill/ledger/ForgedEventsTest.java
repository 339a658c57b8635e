package io.maskmill.ledger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.maskmill.events.ChainTest;
import io.maskmill.events.EventType;
import io.maskmill.store.ArtifactKeys;
import io.maskmill.store.ArtifactStore;
import io.maskmill.testing.BrokerReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Forged events, each kind posted as a real CloudEvent over HTTP to "/", are refused with a 400 that
 * says why, and change nothing: no file is written for them, no event follows, the job's state stays.
 * (Events go to a receiver standing in for the Broker, so nothing runs but what is posted here.)
 */
@QuarkusTest
@TestProfile(ChainTest.ThroughBroker.class)
class ForgedEventsTest {
    @Inject
    ArtifactStore store;

    @Test
    void forgedEventsOfEveryKindAreRefusedAndChangeNothing() {
        String a = "forge-a-" + Long.toString(System.nanoTime(), 36), b = "forge-b-" + Long.toString(System.nanoTime(), 36);
        for (String job : List.of(a, b)) {
            given().contentType("application/json")
                    .body("{\"jobId\":\"" + job + "\",\"prompts\":[\"dog: a dog on the grass\"],\"imagesPerClass\":2}")
                    .post("/jobs").then().statusCode(202);
        }
        BrokerReceiver.events().clear();
        String own = store.uri(ArtifactKeys.stage(a, "s000000", "sample", "image.png")).toString();
        String foreign = store.uri(ArtifactKeys.stage(b, "s000000", "sample", "image.png")).toString();

        post(EventType.SAMPLE_GENERATED, generated(header(a, "s000099", "dog"), own), "is not in the plan of job " + a);
        post(EventType.SAMPLE_GENERATED, generated(header(b.replace("forge-b", "forge-x"), "s000000", "dog"), own),
                "has no plan", 422);
        post(EventType.SAMPLE_GENERATED, generated("{\"jobId\":\"" + a + "\",\"sampleId\":\"s000000\",\"attempt\":1,"
                + "\"className\":\"cat\",\"classes\":[\"dog\",\"cat\"]}", own), "is planned as class 'dog'");
        post(EventType.SAMPLE_GENERATED, generated(header(a, "s000000", "dog"), foreign),
                "is not under job " + a + "'s prefix");
        post(EventType.SAMPLE_GENERATED, generated(header(a, "s000000", "dog"), "s3://somebody-else/jobs/" + a + "/x.png"),
                "somebody-else");
        post(EventType.SAMPLE_REQUESTED, "{\"sample\":" + header(a, "s000000", "dog")
                + ",\"prompt\":\"a cat on the moon\",\"seed\":1,\"params\":{}}", "prompt and seed must be the planned ones");
        assertTrue(BrokerReceiver.events().isEmpty(), "nothing refused led anywhere");

        // s000000 completes (harmonize's marker, then its outcome to the ledger): it is finished for good
        complete(a, "s000000");
        post(EventType.OBJECTS_PLACED, output(header(a, "s000000", "dog"), own), "has completed");
        post(EventType.SAMPLE_GENERATED, generated(header(a, "s000000", "dog"), own), "has completed");
        post(EventType.SAMPLE_REJECTED, "{\"sample\":" + header(a, "s000000", "dog")
                + ",\"stage\":\"optimize\",\"reason\":\"forged\"}", "already completed");
        assertFalse(store.exists(ArtifactKeys.rejected(a, "s000000")), "no rejection was written");

        // the job completes with s000001; every later event about it is refused, and no second export follows
        complete(a, "s000001");
        assertEquals(EventType.EXPORT_REQUESTED.type(), BrokerReceiver.events().poll().type());
        post(EventType.SAMPLE_GENERATED, generated(header(a, "s000001", "dog"), own), "job " + a + " has completed");
        post(EventType.MASK_REFINED, output(header(a, "s000001", "dog"), own), "job " + a + " has completed");
        post(EventType.SAMPLE_FAILED, "{\"sample\":" + header(a, "s000001", "dog")
                + ",\"stage\":\"place\",\"event\":\"maskmill.objects.selected\",\"reason\":\"forged\"}", "already completed");
        assertTrue(BrokerReceiver.events().isEmpty(), "the export was requested once: " + drain());
        given().get("/jobs/" + a).then().statusCode(200).body("state", equalTo("completed"))
                .body("completed", equalTo(2)).body("failed", equalTo(0)).body("rejected", equalTo(0));
        assertTrue(store.list(ArtifactKeys.samples(a)).stream().noneMatch(k -> k.contains("/optimize/")),
                "no stage ran on a forged event");
    }

    private void complete(String job, String sample) {
        store.put(ArtifactKeys.stageMarker(job, sample, "harmonize"), "{}".getBytes(StandardCharsets.UTF_8),
                "application/json");
        given().contentType("application/json").header("ce-id", job + "/" + sample + "/done").header("ce-source", "/tests")
                .header("ce-specversion", "1.0").header("ce-type", EventType.SAMPLE_COMPLETED.type())
                .body(output(header(job, sample, "dog"), store.uri(ArtifactKeys.stage(job, sample, "harmonize", "image.png"))
                        .toString()))
                .post("/").then().statusCode(204);
    }

    private static void post(EventType type, String data, String why) {
        post(type, data, why, 400);
    }

    private static void post(EventType type, String data, String why, int status) {
        given().contentType("application/json").header("ce-id", "forged-" + System.nanoTime()).header("ce-source", "/forger")
                .header("ce-specversion", "1.0").header("ce-type", type.type()).body(data).post("/")
                .then().statusCode(status).body("error", containsString(why));
    }

    private static String header(String job, String sample, String cls) {
        return "{\"jobId\":\"" + job + "\",\"sampleId\":\"" + sample + "\",\"attempt\":1,\"className\":\"" + cls
                + "\",\"classes\":[\"dog\"]}";
    }

    private static String generated(String header, String image) {
        return "{\"sample\":" + header + ",\"artifacts\":{\"image\":\"" + image + "\",\"attention\":\"" + image
                + "\"},\"params\":{}}";
    }

    private static String output(String header, String image) {
        return "{\"sample\":" + header + ",\"artifacts\":{\"image\":\"" + image + "\",\"mask\":\"" + image
                + "\",\"pasted\":\"" + image + "\"},\"params\":{}}";
    }

    private static List<String> drain() {
        List<String> types = new ArrayList<>();
        for (BrokerReceiver.Received e; (e = BrokerReceiver.events().poll()) != null;) {
            types.add(e.type());
        }
        return types;
    }
}
