package io.maskmill.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.maskmill.events.InvalidInputException;

class LocalArtifactStoreTest extends ArtifactStoreContract {
    private LocalArtifactStore store;

    @BeforeEach
    void open() {
        store = new LocalArtifactStore(tmp.resolve("store"), Set.of("maskmill"));
    }

    @Override
    ArtifactStore store() {
        return store;
    }

    @Test
    void leftoverTempFilesOfAnInterruptedWriteAreInvisible() throws Exception {
        Path dir = Files.createDirectories(store.root().resolve("jobs/j1"));
        Files.write(dir.resolve(LocalArtifactStore.TEMP_PREFIX + "123.part"), new byte[] {1, 2});
        store.put("jobs/j1/job.json", new byte[] {3}, "application/json");
        assertEquals(java.util.List.of("jobs/j1/job.json"), store.list("jobs/"));
    }

    @Test
    void uriOutsideTheRootIsRefused() {
        var e = assertThrows(InvalidInputException.class, () -> store.keyOf(URI.create("file:///etc/passwd")));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> store.keyOf(URI.create("s3://maskmill/jobs/x")));
    }
}
