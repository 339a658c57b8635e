package io.maskmill.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several samples of one job and one class to generate together, one UNet call per step: a batch
 * the plan made (ingest). Each header carries its sample's planned prompt and seed; the params are
 * the job's, shared by all. The sample stage answers with one {@code maskmill.sample.generated} per
 * sample (or {@code maskmill.sample.failed} for a sample whose own input is bad), exactly what the
 * same samples requested one by one would give.
 *
 * @param samples the batch's samples, in plan order: 1 to {@value #MAX}, distinct, of one job and class
 * @param params  the job's sample params (models, steps, guidance, scheduler, ...)
 */
public record SampleBatchRequested(List<SampleHeader> samples, Map<String, String> params) {
    /** The most samples one batch may carry (io.maskmill.sample.BatchSize caps the setting to it). */
    public static final int MAX = 64;

    public SampleBatchRequested {
        if (samples == null || samples.isEmpty()) {
            throw new InvalidInputException("samples is missing or empty: a batch names 1 to " + MAX + " samples");
        }
        if (samples.size() > MAX) {
            throw new InvalidInputException("samples has " + samples.size() + " entries; a batch holds at most " + MAX);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < samples.size(); i++) {
            SampleHeader h = samples.get(i);
            String at = "samples[" + i + "]";
            if (h == null) {
                throw new InvalidInputException(at + " is null");
            }
            if (h.prompt() == null || h.prompt().isBlank()) {
                throw new InvalidInputException(at + ".prompt is missing: a batched sample carries its planned prompt");
            }
            if (h.seed() == null) {
                throw new InvalidInputException(at + ".seed is missing: a batched sample carries its planned seed");
            }
            SampleHeader first = samples.get(0);
            if (!h.jobId().equals(first.jobId())) {
                throw new InvalidInputException(at + ".jobId '" + h.jobId() + "' is not samples[0]'s '" + first.jobId()
                        + "': a batch is one job's");
            }
            if (!h.className().equals(first.className()) || !h.classes().equals(first.classes())) {
                throw new InvalidInputException(at + ".className '" + h.className() + "' of " + h.classes()
                        + " is not samples[0]'s '" + first.className() + "' of " + first.classes()
                        + ": a batch is one class's");
            }
            if (!ids.add(h.sampleId())) {
                throw new InvalidInputException(at + ".sampleId '" + h.sampleId() + "' is listed twice");
            }
        }
        samples = List.copyOf(samples);
        params = SampleHeader.copy(params);
    }

    /** The batch's job. */
    public String jobId() {
        return samples.get(0).jobId();
    }

    /** Each sample as the single request it stands for. */
    public List<SampleRequested> requests() {
        List<SampleRequested> out = new ArrayList<>(samples.size());
        for (SampleHeader h : samples) {
            out.add(new SampleRequested(h, h.prompt(), h.seed(), params));
        }
        return out;
    }
}
