package io.maskmill.ingest;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.commons.text.similarity.LevenshteinDistance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.maskmill.events.InvalidInputException;
import io.maskmill.events.JobRequested;

/**
 * Reads a job request strictly: an unknown field (a misspelt {@code imagesPerClas}), a value of the
 * wrong type or an empty body is a 400 that names the field's path ({@code options.steps},
 * {@code classes[1]}), before anything is planned or written.
 */
final class JobRequests {
    /** The request's fields, as the record declares them. */
    static final List<String> FIELDS = java.util.Arrays.stream(JobRequested.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName).toList();

    private JobRequests() {
    }

    static JobRequested read(byte[] body, ObjectMapper json) {
        if (body == null || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new InvalidInputException("the request body is empty: send a JSON job request such as"
                    + " {\"prompts\": [\"dog: a dog on the grass\"], \"imagesPerClass\": 2}");
        }
        ObjectReader reader = json.readerFor(JobRequested.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // 2.5 images per class is a mistake to report, not a 2 to guess
                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        try {
            JobRequested request = reader.readValue(body);
            if (request == null) {
                throw new InvalidInputException("the job request is null: send a JSON object");
            }
            return request;
        } catch (UnrecognizedPropertyException e) {
            String path = path(e);
            throw new InvalidInputException(path + ": unknown field" + suggestion(e.getPropertyName(), FIELDS)
                    + "; known fields: " + FIELDS);
        } catch (JsonMappingException e) {
            InvalidInputException cause = invalidInput(e);
            if (cause != null) {
                throw new InvalidInputException(prefixed(path(e), cause.getMessage()), e);
            }
            throw new InvalidInputException(path(e) + ": " + expected(e), e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidInputException("invalid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException("unreadable job request: " + e.getMessage(), e);
        }
    }

    /** " (did you mean X?)" for a near miss among {@code known}, else "". */
    static String suggestion(String name, Collection<String> known) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance.apply(name.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= 2 ? " (did you mean \"" + best + "\"?)" : "";
    }

    /** The JSON path of a mapping failure: {@code options.steps}, {@code classes[1]}. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "request body" : path.toString();
    }

    private static String expected(JsonMappingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String got = e instanceof InvalidFormatException format ? " \"" + format.getValue() + "\"" : "";
            return "expected " + describe(mismatch.getTargetType()) + (got.isEmpty() ? "" : ", was" + got);
        }
        return e.getOriginalMessage();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type == JobRequested.class) {
            return "an object";
        }
        return type.getSimpleName();
    }

    private static InvalidInputException invalidInput(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof InvalidInputException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static String prefixed(String path, String message) {
        return path.equals("request body") || message.startsWith(path) ? message : path + ": " + message;
    }
}
