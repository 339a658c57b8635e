package io.maskmill.thesaurus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps an English noun token to its singular: an exception table (men→man, mice→mouse, knives→knife,
 * sheep→sheep, ...; the editable resource {@code inflections.txt}) first, then suffix rules
 * (-ies→-y, -xes/-ches/-shes/-sses→ drop "es", -s→ drop "s" except -ss/-us/-is and short words).
 *
 * <p>It runs when a lexicon is compiled, never per caption: {@link #surfaceForms} lists the plural
 * spellings whose singular is a vocabulary word, and the caption matcher indexes those directly.
 */
public final class Singularizer {
    private static final String RESOURCE = "inflections.txt";

    private final Map<String, String> exceptions;
    private final String fingerprintText;

    private Singularizer(Map<String, String> exceptions, String fingerprintText) {
        this.exceptions = exceptions;
        this.fingerprintText = fingerprintText;
    }

    /** The shipped exception table. */
    public static Singularizer standard() {
        try (InputStream in = Singularizer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Singularizer parse(String text, String source) {
        Map<String, String> exceptions = new HashMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(source + " line " + (i + 1)
                        + ": expected 'plural singular' or '= word', got '" + line + "'");
            }
            if (parts[0].equals("=")) {
                exceptions.put(parts[1], parts[1]);
            } else {
                exceptions.put(parts[0], parts[1]);
            }
        }
        return new Singularizer(Map.copyOf(exceptions), text);
    }

    /** The singular of a lowercase token. */
    public String singular(String word) {
        String exception = exceptions.get(word);
        if (exception != null) {
            return exception;
        }
        int n = word.length();
        if (n <= 3 || !word.endsWith("s") || word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) {
            return word;
        }
        if (word.endsWith("ies") && n > 4) {
            return word.substring(0, n - 3) + "y";
        }
        if (word.endsWith("sses") || word.endsWith("xes") || word.endsWith("ches") || word.endsWith("shes")
                || word.endsWith("zzes")) {
            return word.substring(0, n - 2);
        }
        return word.substring(0, n - 1);
    }

    /**
     * Every spelling the matcher should read as {@code singular}: the word itself and those of its
     * plural candidates (regular endings, plus exception-table entries) that {@link #singular} maps
     * back to it. Built from the rules themselves, so matcher and singularizer can never disagree.
     */
    public Set<String> surfaceForms(String singular) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(singular);
        int n = singular.length();
        List<String> candidates = new java.util.ArrayList<>(List.of(singular + "s", singular + "es"));
        if (singular.endsWith("y") && n > 1) {
            candidates.add(singular.substring(0, n - 1) + "ies");
        }
        for (Map.Entry<String, String> e : exceptions.entrySet()) {
            if (e.getValue().equals(singular)) {
                candidates.add(e.getKey());
            }
        }
        for (String candidate : candidates) {
            if (singular(candidate).equals(singular)) {
                forms.add(candidate);
            }
        }
        return forms;
    }

    /** The exception table's text, so a lexicon fingerprint changes when the table is edited. */
    String fingerprintText() {
        return fingerprintText;
    }
}
