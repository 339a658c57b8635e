package io.maskmill.sample.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.maskmill.sample.prepare.ModelManifest;
import io.maskmill.sample.prepare.ModelPreparer;

/**
 * Tiny models written and prepared under a cache folder (the embedded default, tests). The raw
 * models are regenerated once per JVM and the prepared folder is rebuilt only when their SHA-256
 * changed, so a cache never holds models of an older generator.
 */
public final class TinyModelSet {
    /**
     * Guidance the tiny models are made for: CFG moves x0 to x0_u + g·(x0_c − x0_u), and the tiny
     * models' x0 is exact, so g = 2 draws the object at twice its colour offset (7.5 saturates it).
     */
    public static final double TINY_GUIDANCE = 2.0;
    private static final String SOURCE_HASH = "tiny-source.sha256";
    private static final Set<Path> CHECKED = new HashSet<>();

    private TinyModelSet() {
    }

    /** The prepared folder of {@code variant} under {@code cache}. */
    public static synchronized Path prepared(TinyVariant variant, Path cache) {
        Path target = cache.resolve(variant.folderName()).toAbsolutePath().normalize();
        if (CHECKED.contains(target)) {
            return target;
        }
        Path raw = TinyModels.write(variant, cache.resolve(variant.folderName() + "-diffusers"));
        String hash = hash(raw);
        Path hashFile = target.resolve(SOURCE_HASH);
        try {
            if (!Files.isRegularFile(target.resolve(ModelManifest.FILE)) || !Files.isRegularFile(hashFile)
                    || !Files.readString(hashFile).equals(hash)) {
                ModelPreparer.prepare(raw, target, options(variant));
                Files.writeString(hashFile, hash);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare tiny model in " + target + ": " + e.getMessage(), e);
        }
        CHECKED.add(target);
        return target;
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
