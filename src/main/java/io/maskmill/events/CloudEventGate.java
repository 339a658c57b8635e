package io.maskmill.events;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.store.NoSuchArtifactException;
import io.maskmill.store.StoreException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Stands in front of Funqy's CloudEvents endpoint. Out of the box Funqy answers a malformed event
 * with a 500 and a stack trace, and with {@code quarkus.funqy.export} set it hands every event to
 * the one function whatever its type. The gate checks each event first — required attributes,
 * a type this instance serves, UTF-8, data that binds to the type's payload record — and answers
 * bad input with a 4xx and a message that says what is wrong; functions' own failures get the same
 * treatment in the failure handler, so Knative retries only what can succeed.
 */
@ApplicationScoped
public class CloudEventGate {
    private static final Logger LOG = Logger.getLogger(CloudEventGate.class);
    private static final List<String> REQUIRED = List.of("id", "source", "specversion", "type");
    /** The function that keeps the jobs' books: it takes several types and the Broker's dead letters. */
    private static final String LEDGER = "ledger";
    /** The extension Knative puts on a dead-lettered event. */
    private static final String DEAD_LETTER = "knativeerrordest";
    /** Before Funqy's routes (default order) and after Quarkus's body handler. */
    private static final int ORDER = -100;

    private final ObjectMapper json;
    private final Optional<String> exported;

    public CloudEventGate(ObjectMapper json, @ConfigProperty(name = "quarkus.funqy.export") Optional<String> exported) {
        this.json = json;
        this.exported = exported;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
        router.route().order(ORDER).failureHandler(this::failure);
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.method() != HttpMethod.POST || !isFunctionPath(request.path())) {
            rc.next();
            return;
        }
        String contentType = Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
        boolean structured = contentType.startsWith("application/cloudevents+json");
        boolean binary = request.headers().names().stream().anyMatch(h -> h.regionMatches(true, 0, "ce-", 0, 3));
        try {
            if (contentType.startsWith("application/cloudevents-batch+json")) {
                throw new InvalidInputException("batched CloudEvents are not accepted; send one event per request");
            }
            Buffer body = rc.body() == null ? null : rc.body().buffer();
            byte[] bytes = body == null ? new byte[0] : body.getBytes();
            if (structured) {
                checkStructured(bytes, request.path());
            } else if (binary) {
                checkBinary(request, contentType, bytes);
            } else if (request.path().equals("/")) {
                throw new InvalidInputException("not a CloudEvent: send ce-id, ce-source, ce-specversion and ce-type"
                        + " headers (binary mode) or Content-Type application/cloudevents+json (structured mode)");
            }
            rc.next();
        } catch (InvalidInputException e) {
            reject(rc, 400, e.getMessage());
        }
    }

    private void checkBinary(HttpServerRequest request, String contentType, byte[] bytes) {
        for (String attribute : REQUIRED) {
            String value = request.getHeader("ce-" + attribute);
            if (value == null || value.isBlank()) {
                throw new InvalidInputException("CloudEvent header ce-" + attribute + " is missing");
            }
        }
        checkSpecVersion(request.getHeader("ce-specversion"));
        boolean deadLetter = request.getHeader("ce-" + DEAD_LETTER) != null;
        EventType type = servedType(request.getHeader("ce-type"), addressedFunction(request.path()), deadLetter);
        if (type.payload() != byte[].class) {
            if (!contentType.startsWith("application/json")) {
                throw new InvalidInputException(type + " data must be JSON: set Content-Type: application/json"
                        + (contentType.isEmpty() ? "" : " (was " + contentType + ")"));
            }
            bind(type, Utf8.decode(bytes, "event data"));
        }
    }

    private void checkStructured(byte[] bytes, String path) {
        JsonNode event;
        try {
            event = json.readTree(Utf8.decode(bytes, "event data"));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("structured CloudEvent is not valid JSON: " + location(e));
        }
        if (event == null || !event.isObject()) {
            throw new InvalidInputException("structured CloudEvent must be a JSON object");
        }
        for (String attribute : REQUIRED) {
            if (!event.hasNonNull(attribute) || !event.get(attribute).isTextual()) {
                throw new InvalidInputException("CloudEvent attribute \"" + attribute + "\" is missing");
            }
        }
        checkSpecVersion(event.get("specversion").asText());
        boolean deadLetter = event.has(DEAD_LETTER);
        EventType type = servedType(event.get("type").asText(), addressedFunction(path), deadLetter);
        if (type.payload() != byte[].class) {
            if (!event.has("data")) {
                throw new InvalidInputException(type + " event has no \"data\"");
            }
            bind(type, event.get("data").toString());
        } else if (event.has("data_base64")) {
            try {
                Base64.getDecoder().decode(event.get("data_base64").asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("data_base64 is not valid base64: " + e.getMessage());
            }
        }
    }

    private static void checkSpecVersion(String version) {
        if (!version.equals("1.0")) {
            throw new InvalidInputException("CloudEvents specversion '" + version + "' is not supported; use 1.0");
        }
    }

    /**
     * The event type, if this instance serves a function that consumes it — and, for an event posted
     * to a function's own path ({@code addressed}), if that function is the one that consumes it.
     */
    private EventType servedType(String name, String addressed, boolean deadLetter) {
        EventType type = EventType.of(name).orElseThrow(() -> new InvalidInputException(
                "unknown event type '" + Ids.abbreviate(name) + "'; known types: " + consumedTypes()));
        String consumer = type.consumer().orElseThrow(() -> new InvalidInputException(
                "event type '" + name + "' is terminal: no function consumes it"));
        if (deadLetter && type.payload() != byte[].class && exported.isPresent() && exported.get().equals(LEDGER)) {
            // the Broker's dead letters keep their type; the ledger's instance records them as the sample's failure
            consumer = LEDGER;
        }
        if (addressed != null && !addressed.equals(consumer)) {
            throw new InvalidInputException("event type '" + name + "' is consumed by function '" + consumer
                    + "', not by '" + addressed + "' to which it was sent");
        }
        if (exported.isPresent() && !exported.get().equals(consumer)) {
            throw new InvalidInputException("event type '" + name + "' is consumed by function '" + consumer
                    + "', but this instance serves only '" + exported.get() + "'");
        }
        return type;
    }

    private void bind(EventType type, String data) {
        try {
            json.readValue(data, type.payload());
        } catch (JsonProcessingException e) {
            InvalidInputException refused = null;
            for (Throwable c = e; c != null && refused == null; c = c.getCause() == c ? null : c.getCause()) {
                refused = c instanceof InvalidInputException bad ? bad : null;
            }
            // a record refused its value: say where (samples[2]) and what, not Jackson's wrapping of it
            String detail = refused != null ? field(e) + refused.getMessage() : location(e);
            throw new InvalidInputException(type + " data is not a valid " + type.payload().getSimpleName() + ": "
                    + detail);
        }
    }

    private void failure(RoutingContext rc) {
        if (!isFunctionPath(rc.request().path()) || rc.response().ended()) {
            rc.next();
            return;
        }
        Throwable failure = rc.failure() == null ? null : rootCause(rc.failure());
        if (failure instanceof InvalidInputException || failure instanceof JsonProcessingException) {
            reject(rc, 400, failure.getMessage());
        } else if (failure instanceof NoSuchArtifactException) {
            reject(rc, 422, failure.getMessage());
        } else if (failure instanceof StoreException || failure instanceof EventDeliveryException) {
            LOG.warn("Retryable failure", failure);
            reject(rc, 503, failure.getMessage());
        } else if (failure == null) {
            int status = rc.statusCode() > 0 ? rc.statusCode() : 500;
            reject(rc, status, status == 404 ? "no function handles this request" : "request failed (" + status + ")");
        } else {
            LOG.error("Function failed", failure);
            reject(rc, 500, failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
    }

    private void reject(RoutingContext rc, int status, String message) {
        ErrorBody.send(rc, json, status, message);
    }

    /** The function a path like {@code /sample} (or its alias {@code /sample-batch}) addresses; null for the root path. */
    private static String addressedFunction(String path) {
        if (path.equals("/")) {
            return null;
        }
        String name = path.substring(1);
        return EventType.consumerNamed(name).orElse(name);
    }

    private static boolean isFunctionPath(String path) {
        if (path.equals("/")) {
            return true;
        }
        String name = path.startsWith("/") ? path.substring(1) : path;
        return EventType.consumerNamed(name).isPresent();
    }

    private static Set<String> consumedTypes() {
        Set<String> names = new TreeSet<>();
        for (EventType t : EventType.values()) {
            if (t.consumer().isPresent()) {
                names.add(t.type());
            }
        }
        return names;
    }

    /** Where in the data a nested value was refused ({@code samples[2]: }), or nothing at the top level. */
    private static String field(JsonProcessingException e) {
        if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException m)) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : path + ": ";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? e.getOriginalMessage()
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                        + e.getOriginalMessage();
    }

    /** The first cause we know how to answer, else the innermost one. */
    private static Throwable rootCause(Throwable t) {
        Throwable deepest = t;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof InvalidInputException || c instanceof JsonProcessingException
                    || c instanceof NoSuchArtifactException
                    || c instanceof StoreException || c instanceof EventDeliveryException) {
                return c;
            }
            deepest = c;
        }
        return deepest;
    }
}
