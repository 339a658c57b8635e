package io.maskmill.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.maskmill.store.LocalArtifactStore;

/** The job param initLatent names an object of the store, never a file of the server. */
class InitialLatentTest {
    @Test
    void readsTheLatentFromTheStoreByKeyOrUri(@TempDir Path tmp) {
        LocalArtifactStore store = new LocalArtifactStore(tmp.resolve("store"), Set.of("maskmill"));
        float[] latent = {0.5f, -1.25f, 3f};
        ByteBuffer bytes = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : latent) {
            bytes.putFloat(v);
        }
        var uri = store.put("inputs/latent.f32", bytes.array(), "application/octet-stream");
        assertArrayEquals(latent, SampleService.readLatent(store, "inputs/latent.f32"));
        assertArrayEquals(latent, SampleService.readLatent(store, uri.toString()));
        store.put("inputs/odd.f32", new byte[] {1, 2, 3}, "application/octet-stream");
        var odd = assertThrows(IllegalArgumentException.class, () -> SampleService.readLatent(store, "inputs/odd.f32"));
        assertTrue(odd.getMessage().contains("not a multiple of 4"), odd.getMessage());
    }

    @Test
    void aPathOnTheServerIsNotRead(@TempDir Path tmp) throws Exception {
        LocalArtifactStore store = new LocalArtifactStore(tmp.resolve("store"), Set.of("maskmill"));
        Path outside = Files.write(tmp.resolve("secret.f32"), new byte[8]);
        assertThrows(RuntimeException.class, () -> SampleService.readLatent(store, outside.toString()));
        assertThrows(RuntimeException.class, () -> SampleService.readLatent(store, outside.toUri().toString()));
        assertThrows(RuntimeException.class, () -> SampleService.readLatent(store, "../secret.f32"));
    }
}
