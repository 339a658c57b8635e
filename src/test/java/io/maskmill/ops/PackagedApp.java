package io.maskmill.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged application ({@code target/quarkus-app}, built by {@code package}) in a JVM of its own, on
 * a free port, with a local store: what the {@code *IT} tests start, kill and restart.
 */
public final class PackagedApp implements AutoCloseable {
    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;

    private PackagedApp(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the application on {@code store} with extra system properties, its output in {@code log}. */
    public static PackagedApp start(Path store, Path log, Map<String, String> properties) throws IOException {
        assertTrue(Files.exists(JAR), JAR + " is built by package, which runs before the *IT tests");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dmaskmill.store.local.root=" + store,
                "-Dmaskmill.models.cache=" + Path.of("target", "tiny-models-cache").toAbsolutePath()));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", JAR.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PackagedApp(process, port);
    }

    public Process process() {
        return process;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits until readiness answers 200 (store and models usable). */
    public PackagedApp awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the application exited with " + process.exitValue());
            }
            try {
                if (send("GET", "/q/health/ready", null).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        fail("the application did not get ready");
        return this;
    }

    public HttpResponse<String> send(String method, String path, String json) throws Exception {
        return send(method, path, json, Map.of());
    }

    public HttpResponse<String> send(String method, String path, String json, Map<String, String> headers) throws Exception {
        return HTTP.send(request(method, path, json, headers).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with a JSON body (or none) and extra headers, for {@link HttpClient#sendAsync}. */
    public HttpRequest.Builder request(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(2));
        headers.forEach(request::header);
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request;
    }

    public static HttpClient http() {
        return HTTP;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGKILL if still running: tests end with no process left behind. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
