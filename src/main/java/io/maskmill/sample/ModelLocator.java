package io.maskmill.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.maskmill.runtime.ModelFileException;
import io.maskmill.sample.model.TinyModelSet;
import io.maskmill.sample.model.TinyVariant;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Where a model folder is: a local directory, an {@code s3://bucket/prefix} (downloaded once into
 * the cache, each file's SHA-256 recorded in {@code download-manifest.json}), or — when no location
 * is given, or {@code tiny:<variant>} — the tiny models, written and prepared into the cache.
 */
public final class ModelLocator {
    public static final String DOWNLOAD_MANIFEST = "download-manifest.json";
    private static final Logger LOG = Logger.getLogger(ModelLocator.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path cache;
    private final Supplier<S3Client> s3;

    public ModelLocator(Path cache, Supplier<S3Client> s3) {
        this.cache = cache;
        this.s3 = s3;
    }

    /** The local folder for {@code location} (null or blank: the tiny SD 1.x-shaped model). */
    public synchronized Path locate(String location) {
        if (location == null || location.isBlank()) {
            return TinyModelSet.prepared(TinyVariant.SD1, cache.resolve("tiny"));
        }
        if (location.startsWith("tiny:")) {
            String name = location.substring(5).toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                return TinyModelSet.prepared(TinyVariant.valueOf(name), cache.resolve("tiny"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown tiny model '" + location + "'; known: "
                        + java.util.Arrays.toString(TinyVariant.values()));
            }
        }
        if (location.startsWith("s3://")) {
            return download(URI.create(location));
        }
        Path dir = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        if (!Files.isDirectory(dir)) {
            throw new ModelFileException(dir, "model folder does not exist");
        }
        return dir;
    }

    private Path download(URI uri) {
        String bucket = uri.getHost();
        String prefix = uri.getPath().replaceFirst("^/", "");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("model location " + uri + " names no bucket");
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix += "/";
        }
        Path target = cache.resolve("s3").resolve(bucket).resolve(prefix.isEmpty() ? "_root" : prefix);
        if (complete(target)) {
            return target;
        }
        S3Client client = s3.get();
        Map<String, Map<String, Object>> files = new TreeMap<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
                    .prefix(prefix).build()).contents()) {
                String relative = object.key().substring(prefix.length());
                if (relative.isEmpty() || relative.endsWith("/")) {
                    continue;
                }
                Path file = target.resolve(relative).normalize();
                if (!file.startsWith(target)) {
                    throw new IllegalArgumentException("object key " + object.key() + " escapes the model folder");
                }
                Files.createDirectories(file.getParent());
                // a name of this process's own, renamed into place: a file another process maps is never rewritten
                Path part = file.resolveSibling("." + file.getFileName() + "." + java.util.UUID.randomUUID() + ".part");
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                try (InputStream in = new DigestInputStream(client.getObject(GetObjectRequest.builder().bucket(bucket)
                        .key(object.key()).build()), sha)) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                files.put(relative, Map.of("size", Files.size(file), "sha256", HexFormat.of().formatHex(sha.digest())));
            }
            if (files.isEmpty()) {
                throw new ModelFileException(target, "nothing to download: no objects under " + uri);
            }
            io.maskmill.runtime.graph.OnnxFiles.writeAtomically(JSON.writeValueAsBytes(Map.of("source", uri.toString(),
                    "files", files)), target.resolve(DOWNLOAD_MANIFEST));
            LOG.infof("Downloaded %d model files from %s to %s", files.size(), uri, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("downloading " + uri + " to " + target + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A finished download: the manifest is written last, and every file it lists has its recorded size. */
    private static boolean complete(Path target) {
        Path manifest = target.resolve(DOWNLOAD_MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return false;
        }
        try {
            var files = JSON.readTree(manifest.toFile()).path("files");
            for (var it = files.fields(); it.hasNext();) {
                var e = it.next();
                Path f = target.resolve(e.getKey());
                if (!Files.isRegularFile(f) || Files.size(f) != e.getValue().path("size").asLong()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
