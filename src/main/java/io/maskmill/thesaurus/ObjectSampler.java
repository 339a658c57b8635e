package io.maskmill.thesaurus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which of the eligible classes to add: a draw from P(o|b) = Similarity(o, b) with a temperature T,
 * p(o) ∝ Similarity(o, b)^(1/T) (softmax of ln P(o|b) / T). T = 0 is the deterministic choice, the
 * best-ranked classes; T = 1 draws in proportion to P(o|b); T &gt; 1 flattens the distribution so a
 * job's edits vary, while the most likely object stays the mode at every T. Ties in similarity are
 * broken by caption frequency n(o), then by name, never by the alphabet alone. A pure function of its
 * arguments: the same candidates, temperature and random state give the same draw.
 */
public final class ObjectSampler {
    /** One eligible class: its similarity with its best context and its caption frequency n(o). */
    public record Candidate(String name, double similarity, long frequency) {
    }

    /** Similarity, then caption frequency n(o), then name (only for exact ties of both). */
    public static final Comparator<Candidate> RANKING = Comparator.comparingDouble((Candidate c) -> -c.similarity())
            .thenComparingLong(c -> -c.frequency()).thenComparing(Candidate::name);

    private ObjectSampler() {
    }

    /**
     * The draw's probabilities for {@code ranked} (in {@link #RANKING} order): ∝ similarity^(1/T); at
     * T = 0 all mass on the first. Candidates of similarity 0 get none (unless all are 0: uniform).
     */
    public static double[] probabilities(List<Candidate> ranked, double temperature) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        double[] p = new double[ranked.size()];
        if (p.length == 0) {
            return p;
        }
        if (temperature == 0) {
            p[0] = 1;
            return p;
        }
        // in log space, relative to the best, so small similarities at small T do not underflow to 0/0
        double best = Math.log(ranked.get(0).similarity());
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            double s = ranked.get(i).similarity();
            p[i] = s > 0 ? Math.exp((Math.log(s) - best) / temperature) : 0;
            total += p[i];
        }
        if (!(total > 0)) {
            java.util.Arrays.fill(p, 1.0 / p.length);
            return p;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= total;
        }
        return p;
    }

    /**
     * Draws {@code count} candidates without replacement (each draw renormalised over the rest), as
     * indexes into {@code ranked}. At T = 0: the first {@code count}.
     */
    public static List<Integer> draw(List<Candidate> ranked, int count, double temperature, SplittableRandom random) {
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            left.add(i);
        }
        List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < count && !left.isEmpty()) {
            List<Candidate> rest = left.stream().map(ranked::get).toList();
            double[] p = probabilities(rest, temperature);
            int pick = 0;
            if (temperature > 0) {
                for (int i = p.length - 1; i >= 0; i--) {
                    if (p[i] > 0) {
                        pick = i; // the last one that can be drawn, should rounding leave r >= 0
                        break;
                    }
                }
                double r = random.nextDouble();
                for (int i = 0; i < p.length; i++) {
                    r -= p[i];
                    if (r < 0) {
                        pick = i;
                        break;
                    }
                }
            }
            chosen.add(left.remove(pick));
        }
        return chosen;
    }

    /** Shannon entropy in bits of a distribution given as counts. */
    public static double entropyBits(java.util.Collection<? extends Number> counts) {
        double total = counts.stream().mapToDouble(Number::doubleValue).sum();
        double h = 0;
        for (Number n : counts) {
            double p = n.doubleValue() / total;
            if (p > 0) {
                h -= p * Math.log(p) / Math.log(2);
            }
        }
        return h;
    }
}
