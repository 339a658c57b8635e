package io.maskmill.sample.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GuidanceTest {
    @Test
    void classifierFreeGuidanceExtrapolatesFromUncond() {
        float[] uncond = {1, 2, -0.5f};
        float[] cond = {3, 0, -0.5f};
        assertArrayEquals(new float[] {16, -13, -0.5f}, Guidance.classifierFree(uncond, cond, 7.5));
        assertArrayEquals(cond, Guidance.classifierFree(uncond, cond, 1));
        assertArrayEquals(uncond, Guidance.classifierFree(uncond, cond, 0));
        assertArrayEquals(new float[] {16, -13, -0.5f}, Guidance.classifierFreeBatched(new float[] {1, 2, -0.5f, 3, 0, -0.5f}, 7.5));
        float[] inPlace = uncond.clone();
        Guidance.classifierFree(inPlace, cond, 7.5, inPlace);
        assertArrayEquals(new float[] {16, -13, -0.5f}, inPlace);
    }

    @Test
    void mismatchedInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Guidance.classifierFree(new float[2], new float[3], 7.5));
        assertThrows(IllegalArgumentException.class, () -> Guidance.classifierFreeBatched(new float[3], 7.5));
        assertThrows(IllegalArgumentException.class, () -> Guidance.classifierFree(null, new float[3], 7.5));
    }

    @Test
    void lcmGuidanceEmbeddingLayout() {
        float[] e = LcmScheduler.timestepCond(8.0); // w = 7
        assertEquals(256, e.length);
        assertArrayEquals(LcmScheduler.guidanceScaleEmbedding(7, 256), e);
        assertEquals((float) Math.sin(7000), e[0]);
        assertEquals((float) Math.cos(7000), e[128]);
        assertEquals((float) Math.sin(0.7), e[127], 1e-6f, "lowest frequency is 1/10000");
        assertEquals((float) Math.cos(0.7), e[255], 1e-6f);
        float[] odd = LcmScheduler.guidanceScaleEmbedding(7, 9);
        assertEquals(0f, odd[8]);
        assertEquals((float) Math.sin(7000), LcmScheduler.guidanceScaleEmbedding(7, 9)[0]);
    }
}
