package io.maskmill.sample.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.maskmill.sample.prepare.ModelManifest;
import io.maskmill.sample.prepare.ModelPreparer;

/**
 * Tiny models written and prepared under a cache folder (the embedded default, tests), shared by
 * every process that uses the cache. Each prepared folder is named after the SHA-256 of the
 * generator's output ({@code sd1-<hash>}), built in a private folder and renamed into place whole;
 * nothing in the cache is rewritten afterwards, so a process sampling from it (ONNX Runtime maps the
 * weights) never sees its files change, and a newer generator simply makes a new folder.
 */
public final class TinyModelSet {
    /**
     * Guidance the tiny models are made for: CFG moves x0 to x0_u + g·(x0_c − x0_u), and the tiny
     * models' x0 is exact, so g = 2 draws the object at twice its colour offset (7.5 saturates it).
     */
    public static final double TINY_GUIDANCE = 2.0;
    private static final String SOURCE_HASH = "tiny-source.sha256";
    private static final Map<Path, Path> PREPARED = new HashMap<>();

    private TinyModelSet() {
    }

    /** The prepared folder of {@code variant} under {@code cache} (generated and prepared on first use). */
    public static synchronized Path prepared(TinyVariant variant, Path cache) {
        Path key = cache.toAbsolutePath().normalize().resolve(variant.folderName());
        Path known = PREPARED.get(key);
        if (known != null && Files.isRegularFile(known.resolve(ModelManifest.FILE))) {
            return known;
        }
        Path work = null;
        try {
            Files.createDirectories(key.getParent());
            work = Files.createTempDirectory(key.getParent(), "." + variant.folderName() + "-");
            Path raw = TinyModels.write(variant, work.resolve("diffusers"));
            String hash = hash(raw);
            Path target = key.resolveSibling(variant.folderName() + "-" + hash.substring(0, 16));
            if (!Files.isRegularFile(target.resolve(SOURCE_HASH))) {
                Path staged = work.resolve("prepared");
                ModelPreparer.prepare(raw, staged, options(variant));
                // written last: a folder with it is complete
                Files.writeString(staged.resolve(SOURCE_HASH), hash);
                try {
                    Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    // another process renamed the same content into place first
                }
            }
            PREPARED.put(key, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare tiny model " + variant + " in " + key.getParent() + ": " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // a leftover private folder (its name starts with '.') is harmless
        }
    }

    /** How {@code prepare} is run for each variant: its family's sampling defaults. */
    public static ModelPreparer.Options options(TinyVariant variant) {
        ModelPreparer.Options o = new ModelPreparer.Options(variant.folderName(), TinyUnet.LATENT, -1, null,
                (double) TinyModels.SCALING_FACTOR, null, 20, TINY_GUIDANCE);
        return switch (variant) {
            case TURBO -> o.withSampling(1, 0);
            case LCM -> o.withSampling(4, 8);
            default -> o;
        };
    }

    private static String hash(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
            for (Path f : sorted) {
                sha.update(dir.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
