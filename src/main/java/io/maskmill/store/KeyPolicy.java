package io.maskmill.store;

import java.nio.charset.StandardCharsets;

import io.maskmill.events.Ids;
import io.maskmill.events.InvalidInputException;

/**
 * Rules for keys that come from outside (events, uploads, requests). A key is a relative,
 * '/'-separated path with no empty, '.' or '..' segments, no backslashes and no control characters,
 * so it can never escape its bucket prefix or the local store's root.
 */
public final class KeyPolicy {
    /** S3's own limit on key length, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    private KeyPolicy() {
    }

    public static String validate(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidInputException("artifact key is empty");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new InvalidInputException("artifact key is longer than " + MAX_KEY_BYTES + " bytes");
        }
        if (key.startsWith("/")) {
            throw new InvalidInputException("artifact key '" + Ids.abbreviate(key) + "' is absolute; keys are relative");
        }
        if (key.indexOf('\\') >= 0) {
            throw new InvalidInputException("artifact key '" + Ids.abbreviate(key) + "' contains a backslash");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidInputException("artifact key contains a control character at index " + i);
            }
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() && !key.endsWith("/")) {
                throw new InvalidInputException("artifact key '" + Ids.abbreviate(key) + "' has an empty segment");
            }
            if (segment.equals("..") || segment.equals(".")) {
                throw new InvalidInputException("artifact key '" + Ids.abbreviate(key) + "' contains a '"
                        + segment + "' segment");
            }
        }
        if (key.endsWith("/")) {
            throw new InvalidInputException("artifact key '" + Ids.abbreviate(key) + "' names a folder, not an object");
        }
        return key;
    }
}
