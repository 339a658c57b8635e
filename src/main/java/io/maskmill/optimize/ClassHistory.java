package io.maskmill.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.maskmill.events.SampleHeader;
import io.maskmill.ledger.ClassIndex;

/**
 * What earlier samples of a class decided: the γ prior (mean threshold of the kept ones) and the
 * scores the quality gate ranks against. Read from the job's per-class index ({@link ClassIndex}),
 * which optimize extends as it judges each sample, so a sample costs the same few store calls in a
 * job of a hundred samples as in one of a hundred thousand.
 */
final class ClassHistory {
    static final String QUALITY = "quality.json";

    /** A class's earlier samples. */
    record Summary(ThresholdSweep.Prior prior, double[] scores) {
    }

    private final ClassIndex index;

    ClassHistory(ClassIndex index) {
        this.index = index;
    }

    /** The class's earlier samples in the sample's job, the sample itself left out. */
    Summary of(SampleHeader sample) {
        List<ClassIndex.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, ClassIndex.Entry> e : index.entries(sample.jobId(), sample.label()).entrySet()) {
            if (!e.getKey().equals(sample.sampleId())) {
                entries.add(e.getValue());
            }
        }
        double sum = 0;
        int kept = 0;
        double[] scores = new double[entries.size()];
        for (int i = 0; i < scores.length; i++) {
            ClassIndex.Entry e = entries.get(i);
            scores[i] = e.score();
            if (e.kept() && !Double.isNaN(e.threshold())) {
                sum += e.threshold();
                kept++;
            }
        }
        return new Summary(kept == 0 ? ThresholdSweep.Prior.NONE : new ThresholdSweep.Prior(sum / kept, kept), scores);
    }

    /** Adds the sample's judgement to its class's index. */
    void record(SampleHeader sample, double score, double threshold, boolean kept) {
        index.record(sample, new ClassIndex.Entry(score, threshold, kept));
    }
}
