package io.maskmill.sample.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timestep plans and noise levels against values diffusers produces for Stable Diffusion's schedule. */
class SchedulerPlanTest {
    /** Stable Diffusion v1.5's scheduler/scheduler_config.json as published. */
    static final String SD15_CONFIG = "{\"_class_name\": \"PNDMScheduler\", \"_diffusers_version\": \"0.6.0\","
            + " \"beta_end\": 0.012, \"beta_schedule\": \"scaled_linear\", \"beta_start\": 0.00085,"
            + " \"num_train_timesteps\": 1000, \"set_alpha_to_one\": false, \"skip_prk_steps\": true,"
            + " \"steps_offset\": 1, \"trained_betas\": null, \"clip_sample\": false}";

    private static Scheduler planned(SchedulerKind kind, int steps) {
        Scheduler s = Schedulers.create(kind, SchedulerConfig.stableDiffusion(kind));
        s.setTimesteps(steps);
        return s;
    }

    @Test
    void sigmaMaxOfScaledLinearSchedule() {
        double[] alphaBar = SchedulerConfig.stableDiffusion(SchedulerKind.EULER).alphasCumprod();
        assertEquals(1000, alphaBar.length);
        assertEquals(14.6146, Sigmas.ofAlphaBar(alphaBar[999]), 1e-4);
        assertEquals(0.0292, Sigmas.ofAlphaBar(alphaBar[0]), 1e-4);
    }

    @Test
    void euler20LinspaceSigmas() {
        EulerDiscreteScheduler euler = (EulerDiscreteScheduler) planned(SchedulerKind.EULER, 20);
        double[] sigmas = euler.sigmas();
        assertEquals(21, sigmas.length);
        assertEquals(14.6146, sigmas[0], 1e-4);
        assertEquals(10.7468, sigmas[1], 1e-4);
        assertEquals(8.0815, sigmas[2], 1e-4);
        assertEquals(0.0, sigmas[20]);
        assertEquals(14.6146, euler.initNoiseSigma(), 1e-4);
        assertEquals(999.0, euler.timesteps()[0]);
        assertEquals(999 - 999.0 / 19, euler.timesteps()[1], 1e-9, "linspace timesteps stay fractional");
    }

    @Test
    void eulerLeadingStartsBelowSigmaMaxAndAddsOneToInitSigma() {
        Scheduler euler = Schedulers.create(SchedulerKind.EULER,
                SchedulerConfig.stableDiffusion(SchedulerKind.EULER).withTimestepSpacing(TimestepSpacing.LEADING));
        euler.setTimesteps(20);
        assertEquals(951.0, euler.timesteps()[0]);
        assertEquals(1.0, euler.timesteps()[19]);
        double sigma = ((EulerFamilyScheduler) euler).sigmas()[0];
        assertEquals(Math.sqrt(sigma * sigma + 1), euler.initNoiseSigma(), 1e-12);
    }

    @Test
    void lcm4Steps() {
        assertArrayEquals(new double[] {999, 759, 499, 259}, planned(SchedulerKind.LCM, 4).timesteps());
        assertArrayEquals(new double[] {999, 499}, planned(SchedulerKind.LCM, 2).timesteps());
        assertThrows(IllegalArgumentException.class, () -> planned(SchedulerKind.LCM, 51));
    }

    @Test
    void ddim50LeadingWithOffset() {
        double[] t = planned(SchedulerKind.DDIM, 50).timesteps();
        assertEquals(50, t.length);
        for (int i = 0; i < 50; i++) {
            assertEquals(981 - 20 * i, t[i]);
        }
    }

    @Test
    void ddimTrailingAndLinspace() {
        SchedulerConfig sd = SchedulerConfig.stableDiffusion(SchedulerKind.DDIM);
        Scheduler trailing = new DdimScheduler(sd.withTimestepSpacing(TimestepSpacing.TRAILING));
        trailing.setTimesteps(4);
        assertArrayEquals(new double[] {999, 749, 499, 249}, trailing.timesteps());
        Scheduler linspace = new DdimScheduler(sd.withTimestepSpacing(TimestepSpacing.LINSPACE));
        linspace.setTimesteps(4);
        assertArrayEquals(new double[] {999, 666, 333, 0}, linspace.timesteps());
    }

    @Test
    void dpmSolver20Linspace() {
        DpmSolverMultistepScheduler dpm = (DpmSolverMultistepScheduler) planned(SchedulerKind.DPM_SOLVER_PP_2M, 20);
        assertArrayEquals(new double[] {999, 949, 899, 849, 799, 749, 699, 649, 599, 549, 500, 450, 400, 350, 300, 250,
            200, 150, 100, 50}, dpm.timesteps());
        assertEquals(14.6146, dpm.sigmas()[0], 1e-4);
        assertEquals(0.0, dpm.sigmas()[20]);
        assertEquals(1.0, dpm.initNoiseSigma());
    }

    @Test
    void linearScheduleIsLinearInBeta() {
        SchedulerConfig linear = SchedulerConfig.parse("{\"beta_schedule\": \"linear\", \"beta_start\": 0.0001,"
                + " \"beta_end\": 0.02}", SchedulerKind.DDIM, "test");
        double[] ab = linear.alphasCumprod();
        assertEquals(1 - 0.0001, ab[0], 1e-15);
        assertEquals((1 - 0.0001) * (1 - (0.0001 + 0.0199 / 999)), ab[1], 1e-15);
    }

    @Test
    void configFileOfAnotherClassNeedsAnExplicitKind(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("scheduler_config.json");
        Files.writeString(file, SD15_CONFIG);
        SchedulerConfigException e = assertThrows(SchedulerConfigException.class, () -> Schedulers.fromConfigFile(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("PNDMScheduler"), e.getMessage());

        Scheduler euler = Schedulers.fromConfigFile(file, SchedulerKind.EULER);
        assertInstanceOf(EulerDiscreteScheduler.class, euler);
        assertEquals(TimestepSpacing.LINSPACE, euler.config().timestepSpacing(), "absent key takes the class default");
        assertEquals(1, euler.config().stepsOffset());

        Files.writeString(file, SD15_CONFIG.replace("PNDMScheduler", "LCMScheduler"));
        assertInstanceOf(LcmScheduler.class, Schedulers.fromConfigFile(file));
    }

    @Test
    void unsupportedOrMalformedConfigsNameFileAndKey(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("scheduler_config.json");
        Files.writeString(file, "{\"_class_name\": \"EulerDiscreteScheduler\", \"use_karras_sigmas\": true}");
        assertMessage(() -> Schedulers.fromConfigFile(file), file + ": use_karras_sigmas=true is not implemented");
        Files.writeString(file, "{\"_class_name\": \"DPMSolverMultistepScheduler\", \"solver_order\": 3}");
        assertMessage(() -> Schedulers.fromConfigFile(file), "solver_order=3 is not implemented");
        Files.writeString(file, "{\"_class_name\": \"DDIMScheduler\", \"beta_start\": \"small\"}");
        assertMessage(() -> Schedulers.fromConfigFile(file), "beta_start must be a number");
        Files.writeString(file, "{\"_class_name\": \"DDIMScheduler\", \"prediction_type\": \"x0\"}");
        assertMessage(() -> Schedulers.fromConfigFile(file), "prediction_type 'x0' not supported");
        Files.writeString(file, "{\"beta_schedule\": \"linear\"}");
        assertMessage(() -> Schedulers.fromConfigFile(file), "missing _class_name");
        assertMessage(() -> Schedulers.fromConfigFile(dir.resolve("absent.json")), "absent.json");
        Files.writeString(file, "{\"_class_name\": \"DDIMScheduler\", \"steps_offset\": 100}");
        Scheduler ddim = Schedulers.fromConfigFile(file);
        assertMessage(() -> ddim.setTimesteps(10), "planned timestep 1000.0 outside 0..999");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
