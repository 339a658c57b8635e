package io.maskmill.embedded;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.EventType;
import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.OutgoingEvent;
import io.maskmill.ops.EventTelemetry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;

/**
 * The {@code @Funq} functions of this application, callable in-process the way Funqy calls them
 * over HTTP: the event's data goes through JSON (so in-process delivery sees exactly what the wire
 * would carry), and a plain return value becomes the event type the Funqy mapping names as the
 * function's response type.
 */
@ApplicationScoped
public class FunctionCatalog {
    private static final String MAPPING = "quarkus.funqy.knative-events.mapping.";

    private record Route(Object bean, Method method, Type input) {
    }

    private final Map<String, Route> routes = new TreeMap<>();
    private final ObjectMapper json;
    private final Function<String, Optional<String>> config;
    private final EventTelemetry telemetry;

    @Inject
    public FunctionCatalog(Instance<MaskmillFunction> functions, ObjectMapper json, Config config,
            EventTelemetry telemetry) {
        this(functions, json, key -> config.getOptionalValue(key, String.class), telemetry);
    }

    /** @param config looks up configuration values (the Funqy mapping) by key */
    public FunctionCatalog(Iterable<? extends MaskmillFunction> functions, ObjectMapper json,
            Function<String, Optional<String>> config) {
        this(functions, json, config, EventTelemetry.detached());
    }

    private FunctionCatalog(Iterable<? extends MaskmillFunction> functions, ObjectMapper json,
            Function<String, Optional<String>> config, EventTelemetry telemetry) {
        this.json = json;
        this.config = config;
        this.telemetry = telemetry;
        for (MaskmillFunction bean : functions) {
            for (Method method : ClientProxy.unwrap(bean).getClass().getMethods()) {
                Funq funq = method.getAnnotation(Funq.class);
                if (funq != null) {
                    register(funq.value().isEmpty() ? method.getName() : funq.value(), bean, method);
                }
            }
        }
    }

    /** Adds a function by hand (benchmarks; beans are found through {@code @Funq}). */
    public void register(String name, Object bean, Method method) {
        routes.put(name, new Route(bean, method, method.getGenericParameterTypes()[0]));
    }

    /** The names of the functions found, sorted. */
    public java.util.Set<String> names() {
        return routes.keySet();
    }

    /**
     * Calls {@code function} with {@code event}; the response event, if the function returns one.
     * The call is one stage span in the event's trace, timed and counted; the response carries the span on.
     */
    public Optional<OutgoingEvent> invoke(String function, OutgoingEvent event) throws Exception {
        return telemetry.handle(function, event, () -> call(function, event));
    }

    private Optional<OutgoingEvent> call(String function, OutgoingEvent event) throws Exception {
        Route route = routes.get(function);
        if (route == null) {
            throw new IllegalStateException("no function named '" + function + "' (have " + routes.keySet() + ")");
        }
        byte[] data = json.writeValueAsBytes(event.data());
        Object result;
        try {
            result = route.method().invoke(route.bean(), argument(route.input(), event, data));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        if (result == null) {
            return Optional.empty();
        }
        String type;
        Object out;
        if (result instanceof CloudEvent<?> ce) {
            type = ce.type() != null ? ce.type() : responseType(function);
            out = ce.data();
        } else {
            type = responseType(function);
            out = result;
        }
        EventType eventType = EventType.of(type)
                .orElseThrow(() -> new IllegalStateException(function + " returned unknown event type " + type));
        String source = config.apply(MAPPING + function + ".response-source").orElse(function);
        return Optional.of(new OutgoingEvent(event.subject() + "/" + type, eventType, source, event.subject(), out));
    }

    private Object argument(Type input, OutgoingEvent event, byte[] data) throws java.io.IOException {
        if (input instanceof ParameterizedType p && p.getRawType() == CloudEvent.class) {
            Type inner = p.getActualTypeArguments()[0];
            CloudEventBuilder builder = CloudEventBuilder.create().id(event.id()).type(event.type().type())
                    .source(event.source()).subject(event.subject());
            return inner == byte[].class ? builder.build(data, "application/json")
                    : builder.build(json.readValue(data, json.constructType(inner)));
        }
        JavaType type = json.constructType(input);
        return json.readValue(data, type);
    }

    private String responseType(String function) {
        return config.apply(MAPPING + function + ".response-type")
                .orElseThrow(() -> new IllegalStateException("no " + MAPPING + function + ".response-type configured"));
    }
}
