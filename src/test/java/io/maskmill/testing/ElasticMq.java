package io.maskmill.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ, a real SQS-compatible server, in the test JVM: the bucket-notification queue (its redrive
 * policy sends a message to the dead-letter queue after {@value #MAX_RECEIVES} receives) and the
 * dead-letter queue, with the application's SQS route turned on and pointed at them.
 */
public class ElasticMq implements QuarkusTestResourceLifecycleManager {
    public static final String QUEUE = "prompt-uploads";
    public static final String DEAD_LETTERS = "prompt-uploads-dlq";
    static final int MAX_RECEIVES = 20;
    private static SQSRestServer server;
    private static SqsClient client;
    private static String endpoint;

    public static SqsClient client() {
        return client;
    }

    public static String queueUrl(String name) {
        return client.getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    @Override
    public Map<String, String> start() {
        int port = freePort();
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, "")).start();
        server.waitUntilStarted();
        endpoint = "http://127.0.0.1:" + port;
        client = SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        String dlq = client.createQueue(b -> b.queueName(DEAD_LETTERS)).queueUrl();
        String dlqArn = client.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queue = client.createQueue(b -> b.queueName(QUEUE).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + MAX_RECEIVES + "\"}",
                QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
        Map<String, String> config = new HashMap<>();
        String channel = "mp.messaging.incoming.prompt-uploads.";
        config.put(channel + "enabled", "true");
        config.put(channel + "queue.url", queue);
        config.put(channel + "endpoint-override", endpoint);
        config.put(channel + "region", "us-east-1");
        config.put(channel + "credentials-provider", AnonymousCredentialsProvider.class.getName());
        config.put(channel + "wait-time-seconds", "1");
        config.put("maskmill.ingest.sqs.dead-letter-queue-url", dlq);
        config.put("maskmill.ingest.sqs.retry-delay", "1s");
        return config;
    }

    @Override
    public void stop() {
        client.close();
        server.stopAndWait();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
