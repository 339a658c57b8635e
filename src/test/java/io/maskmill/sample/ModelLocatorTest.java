package io.maskmill.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.runtime.ModelFileException;
import io.maskmill.sample.model.TinyVariant;
import io.maskmill.testing.S3TestServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class ModelLocatorTest {
    @TempDir
    Path tmp;

    @Test
    void downloadsAnS3PrefixOnceWithChecksumsAndLoadsIt() throws Exception {
        Path source = TinyModelFixture.prepared(TinyVariant.SD1);
        try (S3TestServer server = new S3TestServer()) {
            S3Client s3 = server.client();
            s3.createBucket(b -> b.bucket("models"));
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    s3.putObject(b -> b.bucket("models").key("sd/tiny/" + source.relativize(f)), RequestBody.fromFile(f));
                }
            }
            AtomicInteger clients = new AtomicInteger();
            ModelLocator locator = new ModelLocator(tmp, () -> {
                clients.incrementAndGet();
                return s3;
            });
            Path local = locator.locate("s3://models/sd/tiny");
            var manifest = new ObjectMapper().readTree(local.resolve(ModelLocator.DOWNLOAD_MANIFEST).toFile());
            byte[] unet = Files.readAllBytes(local.resolve("unet/model.onnx"));
            assertThat(manifest.path("files").path("unet/model.onnx").path("sha256").asText())
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(unet)));
            assertThat(DiffusionModel.load(local, TinyModelFixture.RUNTIME).manifest().modelId()).isEqualTo("tiny-sd1");
            assertThat(locator.locate("s3://models/sd/tiny/")).isEqualTo(local);
            assertThat(clients).as("the second locate reuses the download").hasValue(1);
            assertThatThrownBy(() -> locator.locate("s3://models/nothing-here")).isInstanceOf(ModelFileException.class)
                    .hasMessageContaining("no objects under s3://models/nothing-here");
        }
    }

    @Test
    void aMissingLocalFolderIsNamed() {
        assertThatThrownBy(() -> new ModelLocator(tmp, () -> null).locate(tmp.resolve("nope").toString()))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("nope").hasMessageContaining("does not exist");
    }
}
