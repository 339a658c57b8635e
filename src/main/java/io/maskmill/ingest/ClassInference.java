package io.maskmill.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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

    private static List<String> named(String prompt, List<String> classes) {
        String lower = prompt.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (String cls : classes) {
            String words = Pattern.quote(cls.toLowerCase(Locale.ROOT)).replace(" ", "\\E\\s+\\Q");
            if (Pattern.compile("\\b" + words + "(e?s)?\\b").matcher(lower).find()) {
                found.add(cls);
            }
        }
        return found;
    }
}
