package io.maskmill.testing;

/** JSON payloads of valid events, to post and to break. */
public final class Payloads {
    private Payloads() {
    }

    public static String header(String job, String sample) {
        return "{\"jobId\":\"" + job + "\",\"sampleId\":\"" + sample
                + "\",\"attempt\":1,\"className\":\"dog\",\"classes\":[\"dog\",\"cat\"]}";
    }

    public static String sampleRequested(String job, String sample) {
        return "{\"sample\":" + header(job, sample) + ",\"prompt\":\"a dog\",\"seed\":7,\"params\":{}}";
    }

    /** The shape shared by the stage outputs (generated, refined, selected, placed). */
    public static String stageOutput(String job, String sample) {
        return "{\"sample\":" + header(job, sample) + ",\"artifacts\":{},\"params\":{}}";
    }

    public static String jobRequested(String job, String prompts) {
        return "{\"jobId\":\"" + job + "\",\"prompts\":" + prompts + ",\"imagesPerClass\":2,\"seed\":5}";
    }

    public static String s3Notification(String bucket, String key) {
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"" + bucket + "\"},\"object\":{\"key\":\"" + key
                + "\",\"size\":42,\"eTag\":\"abc\"}}}]}";
    }
}
