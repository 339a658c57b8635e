package io.maskmill.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Publishes CloudEvents in binary mode to a Knative Broker's ingress (or any CloudEvents HTTP sink). */
public final class HttpEventSink implements EventSink {
    private final URI sink;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public HttpEventSink(URI sink, ObjectMapper json) {
        this.sink = sink;
        this.json = json;
    }

    @Override
    public void publish(OutgoingEvent event) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(sink)
                    .timeout(Duration.ofSeconds(30))
                    .header("ce-specversion", "1.0")
                    .header("ce-id", event.id())
                    .header("ce-type", event.type().type())
                    .header("ce-source", event.source())
                    .header("ce-subject", event.subject())
                    .header("Content-Type", "application/json");
            if (event.traceparent() != null) {
                // the CloudEvents distributed-tracing extension, and the W3C header for HTTP-level tracing
                builder.header("ce-traceparent", event.traceparent()).header("traceparent", event.traceparent());
            }
            HttpRequest request = builder
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(event.data())))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new EventDeliveryException("broker " + sink + " answered " + response.statusCode() + " to "
                        + event.type() + " " + event.id() + ": " + response.body(), null);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.type() + " " + event.id(), e);
        } catch (IOException e) {
            throw new EventDeliveryException("cannot reach the broker at " + sink + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventDeliveryException("interrupted while publishing " + event.id(), e);
        }
    }

    @Override
    public String toString() {
        return "broker at " + sink;
    }
}
