package io.maskmill.ingest;

import java.util.Map;
import java.util.TreeMap;

import io.maskmill.events.InvalidInputException;
import io.maskmill.sample.SampleService;

/**
 * The job options a request may set, each checked at the door for its type and range, so a job
 * that cannot run is refused with a 400 naming {@code options.<key>} instead of being accepted and
 * failing in every sample. The sample stage reads them (and checks them again, for events that come
 * from elsewhere); the ranges here are that stage's.
 */
final class JobOptions {
    /** Known keys and what each accepts, in the words the error uses. */
    static final Map<String, String> KNOWN = new TreeMap<>(Map.of(
            "models", "a model folder or s3:// URI (at most 1024 characters)",
            "steps", "an integer from 1 to 1000",
            "guidance", "a number from 0 to 50",
            "scheduler", "one of ddim, euler, euler_ancestral, dpm_solver_pp_2m, lcm",
            "initLatent", "the store key or artifact URI of a float32 latent (at most 1024 characters)",
            "schedulerOptions", "a JSON object of scheduler config keys, as a string"));
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private JobOptions() {
    }

    static Map<String, String> validate(Map<String, String> options) {
        if (options == null) {
            return Map.of();
        }
        for (Map.Entry<String, String> e : options.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            String path = "options." + key;
            if (!KNOWN.containsKey(key)) {
                throw new InvalidInputException(path + ": unknown option" + JobRequests.suggestion(key, KNOWN.keySet())
                        + "; known options: " + KNOWN.keySet());
            }
            if (value == null || value.isBlank()) {
                throw new InvalidInputException(path + ": must be " + KNOWN.get(key) + ", was empty");
            }
            if (!valid(key, value.strip())) {
                throw new InvalidInputException(path + ": must be " + KNOWN.get(key) + ", was \""
                        + io.maskmill.events.Ids.abbreviate(value) + "\"");
            }
        }
        return options;
    }

    private static boolean isJsonObject(String value) {
        try {
            return JSON.readTree(value).isObject();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
    }

    private static boolean valid(String key, String value) {
        try {
            return switch (key) {
                case "steps" -> {
                    int steps = Integer.parseInt(value);
                    yield steps >= 1 && steps <= 1000;
                }
                case "guidance" -> {
                    double g = Double.parseDouble(value);
                    yield g >= 0 && g <= 50;
                }
                case "scheduler" -> SampleService.schedulerKind(value) != null;
                case "models", "initLatent" -> value.length() <= 1024;
                case "schedulerOptions" -> isJsonObject(value);
                default -> false;
            };
        } catch (IllegalArgumentException notOfThatType) {
            return false;
        }
    }
}
