package io.maskmill.ingest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.InvalidInputException;

/** One object upload, as named by an S3 event notification or the aws-s3 source's extensions. */
public record S3Upload(String bucket, String key) {

    /**
     * The {@code ObjectCreated:*} records of an S3 event notification ({@code Records[].s3.bucket.name},
     * {@code .object.key}, the key URL-encoded as S3 sends it). S3's {@code s3:TestEvent} has no records.
     */
    static List<S3Upload> fromNotification(byte[] body, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (java.io.IOException e) {
            throw new InvalidInputException("S3 notification is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("S3 notification must be a JSON object with \"Records\"");
        }
        if ("s3:TestEvent".equals(root.path("Event").asText())) {
            return List.of();
        }
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            throw new InvalidInputException("S3 notification has no \"Records\" array");
        }
        List<S3Upload> uploads = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            if (!record.path("eventName").asText("ObjectCreated:").startsWith("ObjectCreated:")) {
                continue;
            }
            String bucket = record.path("s3").path("bucket").path("name").asText(null);
            String key = record.path("s3").path("object").path("key").asText(null);
            if (bucket == null || key == null) {
                throw new InvalidInputException("S3 notification Records[" + i + "] lacks s3.bucket.name or s3.object.key");
            }
            uploads.add(new S3Upload(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8)));
        }
        return uploads;
    }

    /**
     * The aws-s3 IntegrationSource carries the object's body as data and the Camel headers
     * {@code CamelAwsS3Key} / {@code CamelAwsS3BucketName} as extensions; CloudEvents extension names
     * are lower-case alphanumerics, so they are matched with everything else stripped.
     */
    static S3Upload fromExtensions(Map<String, String> extensions) {
        String key = null;
        String bucket = null;
        for (Map.Entry<String, String> e : extensions.entrySet()) {
            String name = e.getKey().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (name.equals("awss3key") || name.equals("camelawss3key")) {
                key = e.getValue();
            } else if (name.equals("awss3bucketname") || name.equals("camelawss3bucketname")) {
                bucket = e.getValue();
            }
        }
        return new S3Upload(bucket, key);
    }
}
