package io.maskmill.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.maskmill.imaging.FloatMap;
import io.maskmill.sample.model.TinyObjects;
import io.maskmill.sample.model.TinyVariant;
import io.maskmill.sample.prepare.ModelManifest;

/** SD 2.x v-prediction, SD-Turbo (fp16, one step, no CFG), LCM (timestep_cond) and joint mode end to end. */
class ModelVariantsTest {

    private static GeneratedSample sample(TinyVariant v, String prompt, String cls, int steps, double guidance) {
        DiffusionModel model = TinyModelFixture.model(v);
        var settings = new SampleSettings(steps, guidance, null, SampleSettings.DEFAULT_WEIGHTS, false);
        return new DiffusionPipeline(model, TinyModelFixture.RUNTIME.env()).generate(prompt, cls, new long[] { 5 }, settings).get(0);
    }

    /** The image shows the object's colour inside its region: the sampler converged to the model's x0. */
    private static void assertObjectDrawn(GeneratedSample s, String cls) {
        TinyObjects.Region r = TinyObjects.regionOf(cls);
        int x = (int) (r.cx() * s.image().width());
        int y = (int) (r.cy() * s.image().height());
        int bx = (int) (0.04 * s.image().width());
        float[] inside = { s.image().get(x, y, 0), s.image().get(x, y, 1), s.image().get(x, y, 2) };
        float[] corner = { s.image().get(bx, bx, 0), s.image().get(bx, bx, 1), s.image().get(bx, bx, 2) };
        double diff = Math.abs(inside[0] - corner[0]) + Math.abs(inside[1] - corner[1]) + Math.abs(inside[2] - corner[2]);
        assertThat(diff).as("object colour differs from background").isGreaterThan(0.3);
    }

    @Test
    void sd2VPredictionWithInt64Timesteps() {
        GeneratedSample s = sample(TinyVariant.SD2_V, "a horse in a field", "horse", 10, 7.5);
        DiffusionPipelineTest.assertRegion(s.attention(), TinyObjects.regionOf("horse"));
        assertObjectDrawn(s, "horse");
    }

    @Test
    void turboFp16OneStepWithoutGuidance() {
        DiffusionModel model = TinyModelFixture.model(TinyVariant.TURBO);
        assertThat(model.manifest().defaultSteps()).isEqualTo(1);
        GeneratedSample s = sample(TinyVariant.TURBO, "a bus on the road", "bus", 1, 0);
        DiffusionPipelineTest.assertRegion(s.attention(), TinyObjects.regionOf("bus"));
        assertObjectDrawn(s, "bus");
    }

    @Test
    void lcmWithTimestepCond() {
        GeneratedSample s = sample(TinyVariant.LCM, "a cow", "cow", 4, 8);
        DiffusionPipelineTest.assertRegion(s.attention(), TinyObjects.regionOf("cow"));
        assertObjectDrawn(s, "cow");
    }

    @Test
    void jointModeDecodesAnAnnotationWhoseArgmaxIsTheClassRegion() {
        DiffusionModel model = TinyModelFixture.model(TinyVariant.JOINT);
        GeneratedSample s = sample(TinyVariant.JOINT, "a sheep on a hill", "sheep", 10, 2);
        ModelManifest.Joint joint = model.manifest().joint();
        // the job's class map: background, dog, sheep
        float[] logits = SampleService.toJobClasses(s.logits(), joint, java.util.List.of("dog", "sheep"));
        int size = model.imageSize();
        int plane = size * size;
        FloatMap sheep = new FloatMap(size, size);
        for (int p = 0; p < plane; p++) {
            int best = 0;
            for (int c = 1; c < 3; c++) {
                best = logits[c * plane + p] > logits[best * plane + p] ? c : best;
            }
            sheep.values()[p] = best == 2 ? 1 : 0;
            assertThat(best).as("dog is not in the prompt").isNotEqualTo(1);
        }
        DiffusionPipelineTest.assertRegion(sheep, TinyObjects.regionOf("sheep"));
        assertThat(Map.of("channels", logits.length / plane)).containsEntry("channels", 3);
    }
}
