package io.maskmill.events;

import java.util.regex.Pattern;

/** Identifier rules shared by events, keys and the HTTP API: ids become key segments, so they stay boring. */
public final class Ids {
    private static final Pattern JOB = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern SAMPLE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Ids() {
    }

    public static String requireJobId(String id) {
        return require("jobId", id, JOB);
    }

    public static String requireSampleId(String id) {
        return require("sampleId", id, SAMPLE);
    }

    public static boolean isJobId(String id) {
        return id != null && JOB.matcher(id).matches();
    }

    private static String require(String what, String id, Pattern pattern) {
        if (id == null || id.isEmpty()) {
            throw new InvalidInputException(what + " is missing");
        }
        if (!pattern.matcher(id).matches()) {
            throw new InvalidInputException(what + " '" + abbreviate(id) + "' is not valid: use 1-63 characters"
                    + " of a-z, 0-9 and '-', starting with a letter or digit");
        }
        return id;
    }

    /** Keeps error messages short when the offending value is huge. */
    public static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
