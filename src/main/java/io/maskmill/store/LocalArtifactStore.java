package io.maskmill.store;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.ArrayList;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import io.maskmill.events.InvalidInputException;

/**
 * The embedded default: keys are paths under a root directory. Each write goes to a temporary file
 * in the target's directory, is synced, then atomically renamed over the final name, so a reader
 * never sees half an object. A create-only write links the finished temporary file to its name,
 * which fails if the name exists: atomic and exclusive at once.
 *
 * <p>The store never follows a symbolic link out of its root: every read, write and lookup checks
 * the real path of what it touches (or of the directory it writes into) against the root's real path.
 */
public final class LocalArtifactStore implements ArtifactStore {
    /** Temporary files start with this; listings skip them. */
    static final String TEMP_PREFIX = ".tmp-";

    private final Path root;
    /** The root with every link resolved: what each path the store touches must stay under. */
    private final Path realRoot;
    private final Set<String> allowedBuckets;

    public LocalArtifactStore(Path root, Set<String> allowedBuckets) {
        this.root = root.toAbsolutePath().normalize();
        this.allowedBuckets = Set.copyOf(allowedBuckets);
        try {
            Files.createDirectories(this.root);
            this.realRoot = this.root.toRealPath();
        } catch (IOException e) {
            throw new StoreException("cannot create the store directory " + this.root, e);
        }
    }

    @Override
    public URI put(String key, byte[] bytes, String contentType) {
        return write(key, tmp -> Files.write(tmp, bytes, StandardOpenOption.WRITE));
    }

    @Override
    public URI put(String key, Path file, String contentType) {
        return write(key, tmp -> Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING), false);
    }

    @Override
    public URI create(String key, byte[] bytes, String contentType) {
        return write(key, tmp -> Files.write(tmp, bytes, StandardOpenOption.WRITE), true);
    }

    private interface TempWriter {
        void write(Path tmp) throws IOException;
    }

    private URI write(String key, TempWriter writer) {
        return write(key, writer, false);
    }

    private URI write(String key, TempWriter writer, boolean createOnly) {
        Path target = resolve(key);
        Path tmp = null;
        try {
            createDirectoriesInside(target.getParent(), key);
            if (Files.isSymbolicLink(target)) {
                throw new InvalidInputException("artifact key '" + key + "' names a symbolic link; the store does not follow links");
            }
            tmp = Files.createTempFile(target.getParent(), TEMP_PREFIX, ".part");
            writer.write(tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            if (createOnly) {
                createLink(target, tmp, key);
                return uri(key);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return uri(key);
        } catch (IOException e) {
            throw new StoreException("cannot write " + target, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** A hard link to the complete temporary file: link(2) fails if the name exists, so one creator wins. */
    private void createLink(Path target, Path tmp, String key) throws IOException {
        try {
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            throw new ArtifactExistsException(uri(key).toString());
        } catch (UnsupportedOperationException e) {
            // no hard links here: an exclusive rename is not atomic on every file system, so say so loudly
            throw new StoreException("cannot create " + target + " exclusively: the file system has no hard links", e);
        }
    }

    @Override
    public byte[] get(String key) {
        Path path = resolve(key);
        try {
            requireInside(path.toRealPath(), key);
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw NoSuchArtifactException.at(uri(key).toString());
        } catch (IOException e) {
            throw new StoreException("cannot read " + path, e);
        }
    }

    @Override
    public byte[] get(String bucket, String key) {
        if (!allowsBucket(bucket)) {
            throw new InvalidInputException("bucket '" + bucket + "' is not allowed (allowed: " + allowedBuckets + ")");
        }
        return get(key);
    }

    @Override
    public boolean exists(String key) {
        Path path = resolve(key);
        try {
            requireInside(path.toRealPath(), key);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new StoreException("cannot look up " + path, e);
        }
        return Files.isRegularFile(path);
    }

    @Override
    public List<String> list(String prefix) {
        Path start = root;
        int slash = prefix.lastIndexOf('/');
        if (slash > 0) {
            start = resolve(prefix.substring(0, slash) + "/x").getParent();
        }
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try {
            requireInside(start.toRealPath(), prefix);
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String name = file.getFileName().toString();
                    String key = root.relativize(file).toString().replace('\\', '/');
                    if (attributes.isRegularFile() && !name.startsWith(TEMP_PREFIX) && key.startsWith(prefix)) {
                        keys.add(key);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    // a temporary file renamed away mid-walk is not an error: it was never an object
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new StoreException("cannot list " + start, e);
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public URI uri(String key) {
        return resolve(key).toUri();
    }

    @Override
    public String keyOf(URI uri) {
        if (!"file".equals(uri.getScheme())) {
            throw new InvalidInputException("artifact URI '" + uri + "' is not a file: URI of the local store at " + root);
        }
        Path path = Path.of(uri).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new InvalidInputException("artifact URI '" + uri + "' is outside the local store at " + root);
        }
        return KeyPolicy.validate(root.relativize(path).toString().replace('\\', '/'));
    }

    @Override
    public boolean allowsBucket(String name) {
        return allowedBuckets.contains(name);
    }

    @Override
    public String describe() {
        return "file:" + root;
    }

    public Path root() {
        return root;
    }

    private Path resolve(String key) {
        Path path = root.resolve(KeyPolicy.validate(key)).normalize();
        if (!path.startsWith(root)) {
            throw new InvalidInputException("artifact key '" + key + "' escapes the store root");
        }
        return path;
    }

    /** Creates {@code dir} only after checking that what exists of it does not lead out of the root. */
    private void createDirectoriesInside(Path dir, String key) throws IOException {
        Path existing = dir;
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        requireInside(existing.toRealPath(), key);
        Files.createDirectories(dir);
        requireInside(dir.toRealPath(), key);
    }

    /** {@code real} is a real path (links resolved); one outside the root means a link led there. */
    private void requireInside(Path real, String key) {
        if (!real.startsWith(realRoot)) {
            throw new InvalidInputException("artifact key '" + key + "' leads through a symbolic link out of the store root "
                    + root + "; the store does not follow links out of its root");
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover temp file is invisible to readers and listings
            }
        }
    }

}
