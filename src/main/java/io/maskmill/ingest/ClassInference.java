package io.maskmill.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.maskmill.sample.tokenizer.ClipWords;

/** Finds the class a prompt without an explicit {@code class:} is about: the one job class it names. */
final class ClassInference {
    private ClassInference() {
    }

    /** The single class named in the prompt (as a whole word, plural allowed), else null. */
    static String infer(String prompt, List<String> classes, String at) {
        List<String> found = named(prompt, classes);
        return found.size() == 1 ? found.get(0) : null;
    }

    static String explainMissing(String prompt, List<String> classes, String at) {
        if (classes.isEmpty()) {
            return at + ": no class given; write 'class: prompt' or list the job's classes";
        }
        List<String> found = named(prompt, classes);
        if (found.isEmpty()) {
            return at + ": no class given and none of the job's classes " + classes
                    + " appears in the prompt; write 'class: prompt'";
        }
        return at + ": no class given and several classes appear in the prompt " + found + "; write 'class: prompt'";
    }

    /**
     * Why the sample stage could not find {@code cls} in {@code prompt}, or null if it can: the mask
     * comes from the cross-attention of the class's own words, so they must be in the prompt and
     * within the text encoder's window. The window check counts CLIP pre-tokens, each at least one
     * token, so a prompt it passes may still be cut later; one it refuses is certainly cut.
     */
    static String whyNotNamed(String prompt, String cls) {
        Matcher m = wordsOf(cls).matcher(prompt.toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return "class '" + cls + "' is not named in its prompt '" + io.maskmill.events.Ids.abbreviate(prompt)
                    + "'; the class's words must appear in the prompt (its mask is their attention)";
        }
        int tokens = ClipWords.count(prompt.substring(0, m.end()));
        if (tokens > ClipWords.TEXT_TOKENS) {
            return "class '" + cls + "' ends at word " + tokens + " of its prompt, past the "
                    + ClipWords.TEXT_TOKENS + " tokens the text encoder reads; name the class earlier";
        }
        return null;
    }

    private static Pattern wordsOf(String cls) {
        String words = Pattern.quote(cls.toLowerCase(Locale.ROOT)).replace(" ", "\\E\\s+\\Q");
        return Pattern.compile("\\b" + words + "(e?s)?\\b");
    }

    private static List<String> named(String prompt, List<String> classes) {
        String lower = prompt.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (String cls : classes) {
            if (wordsOf(cls).matcher(lower).find()) {
                found.add(cls);
            }
        }
        return found;
    }
}
