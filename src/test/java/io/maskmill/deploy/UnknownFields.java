package io.maskmill.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds fields the typed models did not recognise. fabric8 classes keep unknown YAML keys in
 * {@code additionalProperties} instead of failing, so a misspelt key (containerConcurency) would
 * otherwise pass silently.
 */
final class UnknownFields {

    /**
     * Fields newer than the model classes: {@code spec.aws.auth.serviceAccountName} of
     * IntegrationSource/IntegrationSink (IRSA auth, Knative Eventing 1.20) is not in knative-model 7.6;
     * KnativeSchemaTest checks it against the real CRDs.
     */
    private static final Set<String> NEWER_THAN_MODEL = Set.of("Auth.serviceAccountName");

    private UnknownFields() {}

    /** Paths like {@code Service.spec.template.spec.containerConcurency} of every unrecognised field. */
    static List<String> of(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, model.getClass().getSimpleName(), found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra) {
                    extra.keySet().stream()
                            .filter(k -> !NEWER_THAN_MODEL.contains(value.getClass().getSimpleName() + "." + k))
                            .forEach(k -> found.add(path + "." + k));
                }
            } else {
                String name = getter.getName().substring(3);
                walk(child, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), found);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
