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
    void linksOutOfTheRootAreNeitherReadNorWrittenThrough() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "dog: a secret dog");
        Path prompts = Files.createDirectories(store.root().resolve("prompts"));
        Files.createSymbolicLink(prompts.resolve("list.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(store.root().resolve("jobs"), outside);

        var read = assertThrows(InvalidInputException.class, () -> store.get("prompts/list.txt"));
        assertTrue(read.getMessage().contains("symbolic link"), read.getMessage());
        assertThrows(InvalidInputException.class, () -> store.exists("prompts/list.txt"));
        var write = assertThrows(InvalidInputException.class,
                () -> store.put("jobs/j1/job.json", new byte[] {1}, "application/json"));
        assertTrue(write.getMessage().contains("symbolic link"), write.getMessage());
        assertThrows(InvalidInputException.class, () -> store.create("jobs/j2/job.json", new byte[] {1}, "application/json"));
        assertThrows(InvalidInputException.class, () -> store.list("jobs/"));
        assertEquals(java.util.List.of("secret.txt"), listNames(outside), "nothing was written outside the root");
        assertEquals(java.util.List.of(), store.list("prompts/"), "a link is not an object");
    }

    @Test
    void linksThatStayInsideTheRootAreFollowed() throws Exception {
        store.put("prompts/real.txt", "dog: a dog".getBytes(), "text/plain");
        Files.createSymbolicLink(store.root().resolve("prompts/alias.txt"), store.root().resolve("prompts/real.txt"));
        assertEquals("dog: a dog", new String(store.get("prompts/alias.txt")));
    }

    private static java.util.List<String> listNames(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void uriOutsideTheRootIsRefused() {
        var e = assertThrows(InvalidInputException.class, () -> store.keyOf(URI.create("file:///etc/passwd")));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> store.keyOf(URI.create("s3://maskmill/jobs/x")));
    }
}
