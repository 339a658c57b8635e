package io.maskmill.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.InvalidInputException;
import io.maskmill.events.Prompt;
import io.maskmill.events.Utf8;

/**
 * Reads a prompt list in any of the three accepted forms and says exactly where it is wrong:
 * <ul>
 * <li>plain text: one prompt per line, optionally {@code class: prompt}; blank lines and {@code #} comments skipped;</li>
 * <li>a JSON array of strings or {@code {"class": ..., "prompt": ...}} objects;</li>
 * <li>JSONL: one such string or object per line.</li>
 * </ul>
 * A prompt without a class takes the one job class whose name appears in it.
 */
public final class PromptListParser {
    /** {@code class: prompt} — a short class name of words, then a colon. */
    private static final Pattern CLASS_PREFIX = Pattern.compile("^([A-Za-z][A-Za-z0-9 _-]{0,39}):\\s*(.*)$");
    private static final int MAX_REPORTED_ERRORS = 10;

    public enum Format {
        TEXT, JSON, JSONL
    }

    private final IngestConfig limits;
    private final ObjectMapper json;

    public PromptListParser(IngestConfig limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    /**
     * @param bytes   the list as uploaded
     * @param where   what to call it in error messages (a URI, "request body", ...)
     * @param classes the job's classes, used to infer a missing class; may be empty
     */
    public List<Prompt> parse(byte[] bytes, String where, List<String> classes) {
        if (bytes.length > limits.maxBytes()) {
            throw new InvalidInputException(where + ": prompt list is " + bytes.length + " bytes; the limit is "
                    + limits.maxBytes() + " (maskmill.ingest.max-bytes)");
        }
        String text = Utf8.decode(bytes, where);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Errors errors = new Errors(where);
        List<Prompt> prompts = switch (detect(where, text)) {
            case JSON -> parseJsonArray(text, errors, classes);
            case JSONL -> parseJsonLines(text, errors, classes);
            case TEXT -> parseText(text, errors, classes);
        };
        errors.throwIfAny();
        if (prompts.isEmpty()) {
            throw new InvalidInputException(where + ": the prompt list has no prompts");
        }
        if (prompts.size() > limits.maxPrompts()) {
            throw new InvalidInputException(where + ": " + prompts.size() + " prompts; the limit is "
                    + limits.maxPrompts() + " (maskmill.ingest.max-prompts)");
        }
        return prompts;
    }

    static Format detect(String where, String text) {
        String name = where.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Format.JSONL;
        }
        if (name.endsWith(".json")) {
            return Format.JSON;
        }
        if (name.endsWith(".txt")) {
            return Format.TEXT;
        }
        String head = text.stripLeading();
        if (head.startsWith("[")) {
            return Format.JSON;
        }
        if (head.startsWith("{") || head.startsWith("\"")) {
            return Format.JSONL;
        }
        return Format.TEXT;
    }

    private List<Prompt> parseText(String text, Errors errors, List<String> classes) {
        List<Prompt> prompts = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String at = "line " + (i + 1);
            if (!checkLength(line, at, errors)) {
                continue;
            }
            addWithOptionalClass(prompts, line, at, errors, classes);
        }
        return prompts;
    }

    private List<Prompt> parseJsonArray(String text, Errors errors, List<String> classes) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(errors.where + ": invalid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new InvalidInputException(errors.where + ": expected a JSON array of prompts");
        }
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            item(root.get(i), "[" + i + "]", prompts, errors, classes);
        }
        return prompts;
    }

    private List<Prompt> parseJsonLines(String text, Errors errors, List<String> classes) {
        List<Prompt> prompts = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String at = "line " + (i + 1);
            if (!checkLength(line, at, errors)) {
                continue;
            }
            try {
                item(json.readTree(line), at, prompts, errors, classes);
            } catch (JsonProcessingException e) {
                errors.add(at + ", column " + e.getLocation().getColumnNr() + ": invalid JSON: " + e.getOriginalMessage());
            }
        }
        return prompts;
    }

    private void item(JsonNode node, String at, List<Prompt> prompts, Errors errors, List<String> classes) {
        if (node.isTextual()) {
            if (checkLength(node.asText(), at, errors)) {
                addWithOptionalClass(prompts, node.asText(), at, errors, classes);
            }
        } else if (node.isObject()) {
            JsonNode prompt = node.get("prompt");
            JsonNode cls = node.get("class");
            if (prompt == null || !prompt.isTextual()) {
                errors.add(at + ": object has no \"prompt\" string");
            } else if (cls != null && !cls.isTextual()) {
                errors.add(at + ": \"class\" must be a string");
            } else if (checkLength(prompt.asText(), at, errors)) {
                add(prompts, cls == null ? null : cls.asText(), prompt.asText(), at, errors, classes);
            }
        } else {
            errors.add(at + ": expected a string or an object with \"prompt\" (and \"class\"), found " + node.getNodeType());
        }
    }

    private boolean checkLength(String line, String at, Errors errors) {
        if (line.length() > limits.maxLineLength()) {
            errors.add(at + ": " + line.length() + " characters; the limit is " + limits.maxLineLength()
                    + " (maskmill.ingest.max-line-length)");
            return false;
        }
        return true;
    }

    /** A prompt string, optionally written {@code class: prompt}, the same in every format. */
    private void addWithOptionalClass(List<Prompt> prompts, String text, String at, Errors errors,
            List<String> classes) {
        Matcher m = CLASS_PREFIX.matcher(text.strip());
        if (m.matches()) {
            add(prompts, m.group(1), m.group(2), at, errors, classes);
        } else {
            add(prompts, null, text, at, errors, classes);
        }
    }

    private void add(List<Prompt> prompts, String cls, String prompt, String at, Errors errors, List<String> classes) {
        prompt = prompt.strip();
        if (prompt.isEmpty()) {
            errors.add(at + ": the prompt is empty");
            return;
        }
        if (cls == null) {
            cls = ClassInference.infer(prompt, classes, at);
            if (cls == null) {
                errors.add(ClassInference.explainMissing(prompt, classes, at));
                return;
            }
        }
        String normalised = normaliseClass(cls);
        if (!classes.isEmpty() && !classes.contains(normalised)) {
            errors.add(at + ": class '" + normalised + "' is not one of the job's classes " + classes);
            return;
        }
        String unnamed = ClassInference.whyNotNamed(prompt, normalised);
        if (unnamed != null) {
            errors.add(at + ": " + unnamed);
            return;
        }
        prompts.add(new Prompt(normalised, prompt));
    }

    /** Class names compare case- and space-insensitively: "TV  Monitor" is "tv monitor". */
    public static String normaliseClass(String cls) {
        String c = cls.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (c.isEmpty()) {
            throw new InvalidInputException("class name is empty");
        }
        return c;
    }

    /** Collects every problem so one round trip fixes them all (up to a few). */
    private static final class Errors {
        final String where;
        final List<String> messages = new ArrayList<>();
        int count;

        Errors(String where) {
            this.where = where;
        }

        /** {@code message} starts with where in the list: "line 3", or "[3]" (a JSON path, as in prompts[3]). */
        void add(String message) {
            if (count++ < MAX_REPORTED_ERRORS) {
                messages.add(message.startsWith("[") ? where + message : message);
            }
        }

        void throwIfAny() {
            if (count > 0) {
                String more = count > messages.size() ? "; and " + (count - messages.size()) + " more" : "";
                String all = String.join("; ", messages);
                throw new InvalidInputException((all.startsWith(where + "[") ? "" : where + ": ") + all + more);
            }
        }
    }
}
