package io.maskmill.store;

import io.maskmill.events.Ids;

/**
 * The one key layout both stores use. Everything a job produces lives under {@code jobs/{job}/}:
 * <pre>
 * jobs/{job}/job.json                         the validated job spec
 * jobs/{job}/plan.json                        the planned samples (ids, classes, prompts, seeds)
 * jobs/{job}/samples/{sample}/{stage}/{name}  a stage's artifacts for one sample
 * jobs/{job}/samples/{sample}/{stage}/event.json  written last: the stage finished (its output event)
 * jobs/{job}/samples/{sample}/rejected.json   the sample was dropped, with the reason
 * jobs/{job}/samples/{sample}/failed.json     the last failure of a stage on this sample
 * </pre>
 */
public final class ArtifactKeys {
    public static final String JOBS = "jobs/";
    /** The marker a stage writes last for a sample; its presence is how job status counts progress. */
    public static final String STAGE_MARKER = "event.json";

    private ArtifactKeys() {
    }

    public static String job(String jobId) {
        return JOBS + Ids.requireJobId(jobId) + "/";
    }

    public static String jobSpec(String jobId) {
        return job(jobId) + "job.json";
    }

    public static String plan(String jobId) {
        return job(jobId) + "plan.json";
    }

    public static String samples(String jobId) {
        return job(jobId) + "samples/";
    }

    public static String sample(String jobId, String sampleId) {
        return samples(jobId) + Ids.requireSampleId(sampleId) + "/";
    }

    public static String stage(String jobId, String sampleId, String stage, String name) {
        return sample(jobId, sampleId) + stage + "/" + name;
    }

    public static String stageMarker(String jobId, String sampleId, String stage) {
        return stage(jobId, sampleId, stage, STAGE_MARKER);
    }

    public static String rejected(String jobId, String sampleId) {
        return sample(jobId, sampleId) + "rejected.json";
    }

    public static String failed(String jobId, String sampleId) {
        return sample(jobId, sampleId) + "failed.json";
    }
}
