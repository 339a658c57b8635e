package io.maskmill.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.maskmill.events.InvalidInputException;
import io.maskmill.store.ArtifactStore;
import io.maskmill.store.NoSuchArtifactException;

/** The files of an existing dataset, by relative path: a local directory, or a prefix in the store. */
public interface DatasetFiles {
    /** The file's bytes; {@link InvalidInputException} naming it when it is missing. */
    byte[] read(String path);

    boolean exists(String path);

    /** Relative paths of the files directly or indirectly under {@code dir} (ending in '/'), sorted. */
    List<String> list(String dir);

    String describe();

    static DatasetFiles directory(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException("dataset directory " + root + " does not exist");
        }
        return new DatasetFiles() {
            @Override
            public byte[] read(String path) {
                try {
                    return Files.readAllBytes(root.resolve(path));
                } catch (NoSuchFileException e) {
                    throw new InvalidInputException(root.resolve(path) + ": no such file");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + root.resolve(path), e);
                }
            }

            @Override
            public boolean exists(String path) {
                return Files.isRegularFile(root.resolve(path));
            }

            @Override
            public List<String> list(String dir) {
                Path start = root.resolve(dir);
                if (!Files.isDirectory(start)) {
                    return List.of();
                }
                try (Stream<Path> files = Files.walk(start)) {
                    return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                            .sorted().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + start, e);
                }
            }

            @Override
            public String describe() {
                return root.toAbsolutePath().normalize().toString();
            }
        };
    }

    /** The files under {@code prefix} (ending in '/') of the store. */
    static DatasetFiles store(ArtifactStore store, String prefix) {
        String root = prefix.endsWith("/") ? prefix : prefix + "/";
        return new DatasetFiles() {
            @Override
            public byte[] read(String path) {
                try {
                    return store.get(root + path);
                } catch (NoSuchArtifactException e) {
                    throw new InvalidInputException(root + path + ": no such object in " + store.describe());
                }
            }

            @Override
            public boolean exists(String path) {
                return store.exists(root + path);
            }

            @Override
            public List<String> list(String dir) {
                return store.list(root + dir).stream().map(k -> k.substring(root.length())).toList();
            }

            @Override
            public String describe() {
                return store.uri(root + "x").resolve(".").toString();
            }
        };
    }
}
