package io.maskmill.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands where the Knative Broker's ingress would: the application publishes its fan-out events
 * here over HTTP (binary mode), and the chain test takes them from {@link #events()}.
 */
public class BrokerReceiver implements QuarkusTestResourceLifecycleManager {
    /** A received CloudEvent: its {@code ce-*} attributes (lower-case, without the prefix) and data. */
    public record Received(Map<String, String> attributes, byte[] data) {
        public String type() {
            return attributes.get("type");
        }
    }

    private static final BlockingQueue<Received> EVENTS = new LinkedBlockingQueue<>();
    private HttpServer server;

    public static BlockingQueue<Received> events() {
        return EVENTS;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> attributes = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (name.toLowerCase().startsWith("ce-")) {
                    attributes.put(name.substring(3).toLowerCase(), values.get(0));
                }
            });
            EVENTS.add(new Received(attributes, exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        return Map.of("maskmill.events.dispatch", "http",
                "maskmill.events.sink-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
