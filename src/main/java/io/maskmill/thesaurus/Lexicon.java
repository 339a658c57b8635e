package io.maskmill.thesaurus;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The concepts a thesaurus counts: object classes (the O of Eq. 3, and contexts too) and scene words
 * (backgrounds B), each with the phrases captions use for it. Read from editable data files
 * ({@code name: phrase, phrase, ...} per line); a concept that appears in several files under the
 * same name (VOC and COCO "person") is one concept with the union of the phrases.
 */
public final class Lexicon {
    /** Concept flag: an object class (something the editor can add). */
    public static final int CLASS = 1;
    /** Concept flag: a scene word (a background context). */
    public static final int SCENE = 2;

    /** Built-in class lists and the built-in scene list, by the names the CLI accepts. */
    public static final List<String> BUILT_IN_CLASSES = List.of("voc20", "coco80");
    public static final String BUILT_IN_SCENES = "scenes";

    /** One concept: its name, {@link #CLASS}/{@link #SCENE} flags and phrases (the name first). */
    public record Concept(String name, int flags, List<String> phrases) {
        public Concept {
            Objects.requireNonNull(name);
            phrases = List.copyOf(phrases);
        }

        public boolean isClass() {
            return (flags & CLASS) != 0;
        }

        public boolean isScene() {
            return (flags & SCENE) != 0;
        }
    }

    private final List<Concept> concepts;
    private final Map<String, Integer> index;

    Lexicon(List<Concept> concepts) {
        if (concepts.isEmpty()) {
            throw new IllegalArgumentException("a lexicon needs at least one concept");
        }
        this.concepts = List.copyOf(concepts);
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < concepts.size(); i++) {
            byName.put(key(concepts.get(i).name()), i);
        }
        this.index = Map.copyOf(byName);
    }

    /** VOC 20 + COCO 80 classes and the shipped scene words. */
    public static Lexicon standard() {
        return load(BUILT_IN_CLASSES, List.of(BUILT_IN_SCENES));
    }

    /**
     * @param classSources built-in class list names ({@code voc20}, {@code coco80}) or file paths
     * @param sceneSources built-in scene list name ({@code scenes}) or file paths
     */
    public static Lexicon load(List<String> classSources, List<String> sceneSources) {
        Map<String, Integer> flags = new LinkedHashMap<>();
        Map<String, Set<String>> phrases = new LinkedHashMap<>();
        for (String source : classSources) {
            parseInto(read(source), source, CLASS, flags, phrases);
        }
        for (String source : sceneSources) {
            parseInto(read(source), source, SCENE, flags, phrases);
        }
        List<Concept> concepts = new ArrayList<>();
        flags.forEach((name, f) -> concepts.add(new Concept(name, f, new ArrayList<>(phrases.get(name)))));
        return new Lexicon(concepts);
    }

    private static String read(String source) {
        boolean builtIn = BUILT_IN_CLASSES.contains(source) || BUILT_IN_SCENES.equals(source);
        try {
            if (builtIn) {
                try (InputStream in = Lexicon.class.getResourceAsStream(source + ".txt")) {
                    if (in == null) {
                        throw new IllegalStateException("resource " + source + ".txt is missing from the classpath");
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            Path path = Path.of(source);
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("lexicon '" + source + "' is neither a built-in list "
                        + BUILT_IN_CLASSES + "/" + BUILT_IN_SCENES + " nor a readable file");
            }
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lexicon " + source, e);
        }
    }

    private static void parseInto(String text, String source, int flag, Map<String, Integer> flags,
            Map<String, Set<String>> phrases) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = (colon < 0 ? line : line.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": concept name is empty");
            }
            flags.merge(name, flag, (a, b) -> a | b);
            Set<String> set = phrases.computeIfAbsent(name, n -> new LinkedHashSet<>(List.of(n)));
            if (colon >= 0) {
                for (String phrase : line.substring(colon + 1).split(",")) {
                    String p = phrase.strip().toLowerCase(Locale.ROOT);
                    if (!p.isEmpty()) {
                        set.add(p);
                    }
                }
            }
        }
    }

    public List<Concept> concepts() {
        return concepts;
    }

    public int size() {
        return concepts.size();
    }

    public Concept concept(int i) {
        return concepts.get(i);
    }

    /** The index of the concept with this name (case-insensitive), or -1. */
    public int indexOf(String name) {
        Integer i = name == null ? null : index.get(key(name));
        return i == null ? -1 : i;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeInt(concepts.size());
        for (Concept c : concepts) {
            out.writeUTF(c.name());
            out.writeByte(c.flags());
            out.writeShort(c.phrases().size());
            for (String p : c.phrases()) {
                out.writeUTF(p);
            }
        }
    }

    static Lexicon readFrom(DataInput in) throws IOException {
        int n = in.readInt();
        if (n <= 0 || n > 1_000_000) {
            throw new IOException("concept count " + n + " is out of range");
        }
        List<Concept> concepts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            int flags = in.readUnsignedByte();
            int phraseCount = in.readUnsignedShort();
            List<String> phrases = new ArrayList<>(phraseCount);
            for (int p = 0; p < phraseCount; p++) {
                phrases.add(in.readUTF());
            }
            concepts.add(new Concept(name, flags, phrases));
        }
        return new Lexicon(concepts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lexicon other && concepts.equals(other.concepts);
    }

    @Override
    public int hashCode() {
        return concepts.hashCode();
    }
}
