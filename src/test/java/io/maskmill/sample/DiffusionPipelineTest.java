package io.maskmill.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.maskmill.imaging.FloatMap;
import io.maskmill.imaging.Images;
import io.maskmill.sample.model.TinyObjects;
import io.maskmill.sample.model.TinyVariant;

class DiffusionPipelineTest {
    private static final SampleSettings SETTINGS = new SampleSettings(8, 7.5, null, SampleSettings.DEFAULT_WEIGHTS, true);

    @Test
    void attentionLightsUpInTheClassRegion() {
        DiffusionModel model = TinyModelFixture.model(TinyVariant.SD1);
        GeneratedSample s = new DiffusionPipeline(model, TinyModelFixture.RUNTIME.env())
                .generate("a photo of a dog in a park", "dog", new long[] { 11 }, SETTINGS).get(0);
        FloatMap map = s.attention();
        assertThat(map.width()).isEqualTo(128);
        float max = 0;
        for (float v : map.values()) {
            assertThat(v).isBetween(0f, 1f);
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(1f);
        assertRegion(map, TinyObjects.regionOf("dog"));
        assertThat(s.span()).isEqualTo(model.tokenizer().spanOf("a photo of a dog in a park", "dog"));
        assertThat(s.span().length()).as("dog is one token of the tiny vocabulary").isEqualTo(1);
        assertThat(s.selfAttention()).hasSize(64 * 64);
    }

    @Test
    void aManifestThatDisagreesWithTheUnetOutputsIsNamed(@TempDir Path tmp) throws IOException {
        Path source = TinyModelFixture.prepared(TinyVariant.SD1);
        Path dir = tmp.resolve("model");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(source.relativize(f).toString()));
            }
        }
        Path manifest = dir.resolve("maskmill-model.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"resolution\" : 16", "\"resolution\" : 32"));
        DiffusionModel model = DiffusionModel.load(dir, TinyModelFixture.RUNTIME);
        assertThatThrownBy(() -> new DiffusionPipeline(model, TinyModelFixture.RUNTIME.env())
                .generate("a photo of a dog", "dog", new long[] { 1 }, SETTINGS))
                .hasMessageContaining(dir.resolve("unet/model.onnx").toString())
                .hasMessageContaining("attn_16");
    }

    /** Mean inside the region well above the mean outside; the 0.5 threshold overlaps the disk (IoU). */
    static void assertRegion(FloatMap map, TinyObjects.Region region) {
        double in = 0, out = 0;
        int nIn = 0, nOut = 0, inter = 0, union = 0;
        for (int y = 0; y < map.height(); y++) {
            for (int x = 0; x < map.width(); x++) {
                boolean inside = region.contains((x + 0.5) / map.width(), (y + 0.5) / map.height());
                float v = map.get(x, y);
                if (inside) {
                    in += v;
                    nIn++;
                } else {
                    out += v;
                    nOut++;
                }
                boolean on = v > 0.5f;
                inter += on && inside ? 1 : 0;
                union += on || inside ? 1 : 0;
            }
        }
        assertThat(in / nIn).as("mean attention inside the region").isGreaterThan(0.6);
        assertThat(out / nOut).as("mean attention outside").isLessThan(0.15);
        assertThat((double) inter / union).as("IoU of map > 0.5 with the region").isGreaterThan(0.75);
    }

    @Test
    void sameSeedSameBytesWhateverTheBatch() {
        DiffusionPipeline pipeline = new DiffusionPipeline(TinyModelFixture.model(TinyVariant.SD1), TinyModelFixture.RUNTIME.env());
        List<GeneratedSample> batch = pipeline.generate("a cat on a sofa", "cat", new long[] { 3, 4 }, SETTINGS);
        GeneratedSample alone = pipeline.generate("a cat on a sofa", "cat", new long[] { 4 }, SETTINGS).get(0);
        assertThat(Images.writePng(alone.image())).isEqualTo(Images.writePng(batch.get(1).image()));
        assertThat(alone.attention().values()).isEqualTo(batch.get(1).attention().values());
        assertThat(Images.writePng(batch.get(0).image())).isNotEqualTo(Images.writePng(batch.get(1).image()));
    }

    /** A batch of four with their own prompts and classes: each image is the bytes it has alone. */
    @Test
    void eachImageOfAMixedBatchIsTheImageItIsAlone() {
        DiffusionPipeline pipeline = new DiffusionPipeline(TinyModelFixture.model(TinyVariant.SD1), TinyModelFixture.RUNTIME.env());
        List<DiffusionPipeline.Request> batch = List.of(new DiffusionPipeline.Request("a dog on the grass", "dog", 21),
                new DiffusionPipeline.Request("a photo of a cat in a park", "cat", 22),
                new DiffusionPipeline.Request("a dog on the grass", "dog", 23),
                new DiffusionPipeline.Request("a red car on a street", "car", 24));
        List<GeneratedSample> together = pipeline.generate(batch, SETTINGS);
        for (int i = 0; i < batch.size(); i++) {
            GeneratedSample alone = pipeline.generate(List.of(batch.get(i)), SETTINGS).get(0);
            assertThat(Images.writePng(together.get(i).image())).as("image %d", i).isEqualTo(Images.writePng(alone.image()));
            assertThat(together.get(i).attention().values()).as("attention %d", i).isEqualTo(alone.attention().values());
            assertThat(together.get(i).selfAttention()).as("self-attention %d", i).isEqualTo(alone.selfAttention());
            assertThat(together.get(i).latent()).as("latent %d", i).isEqualTo(alone.latent());
            assertThat(together.get(i).span()).isEqualTo(alone.span());
        }
        assertRegion(together.get(1).attention(), TinyObjects.regionOf("cat"));
        assertRegion(together.get(3).attention(), TinyObjects.regionOf("car"));
    }

    @Test
    void aGivenInitialLatentOfTheWrongSizeIsRefusedSayingWhatItShouldBe() {
        DiffusionPipeline pipeline = new DiffusionPipeline(TinyModelFixture.model(TinyVariant.SD1), TinyModelFixture.RUNTIME.env());
        assertThatThrownBy(() -> pipeline.generate("a photo of a dog", "dog", new long[] { 1 },
                SETTINGS.withInitialLatent(new float[4 * 8 * 8])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256 values")
                .hasMessageContaining("[4, 16, 16] = 1024");
    }

    @Test
    void aGivenInitialLatentReplacesTheSeedsNoise() {
        DiffusionPipeline pipeline = new DiffusionPipeline(TinyModelFixture.model(TinyVariant.SD1), TinyModelFixture.RUNTIME.env());
        float[] latent = new io.maskmill.sample.noise.GaussianNoise(99, 0).next(4 * 16 * 16);
        SampleSettings given = new SampleSettings(4, 2, io.maskmill.sample.scheduler.SchedulerKind.DDIM,
                SampleSettings.DEFAULT_WEIGHTS, false).withInitialLatent(latent);
        GeneratedSample a = pipeline.generate("a photo of a dog", "dog", new long[] { 1 }, given).get(0);
        GeneratedSample b = pipeline.generate("a photo of a dog", "dog", new long[] { 2 }, given).get(0);
        GeneratedSample seeded = pipeline.generate("a photo of a dog", "dog", new long[] { 99 },
                new SampleSettings(4, 2, io.maskmill.sample.scheduler.SchedulerKind.DDIM, SampleSettings.DEFAULT_WEIGHTS, false)).get(0);
        assertThat(a.latent()).as("DDIM is deterministic: the seed no longer matters").containsExactly(b.latent());
        assertThat(a.latent()).as("seed 99's own latent noise is the given one").containsExactly(seeded.latent());
    }
}
