package io.maskmill.place;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Eq. 4: from score maps to one box. Candidates are (scale, cell) pairs whose box lies inside the image
 * (the centre at least half the object's size from every border), ranked by score with a seeded jitter
 * of ± diversity/2 (relative) that breaks ties differently for every sample. The best {@value #POOL_PER_PEAK}·K
 * candidates are thinned to K distinct peaks (centres at least a quarter of the two objects' shorter
 * sides apart), then either the best peak is taken (argmax F_h) or peaks are drawn without replacement,
 * seeded, with probability ∝ score (libcom draws from FOPA's top 50 the same way). A candidate is taken
 * only if no existing region would then be hidden by more than the occlusion limit — checked exactly on
 * the object's scaled mask; if all peaks fail, every other candidate is tried in score order.
 */
final class Placer {
    static final int POOL_PER_PEAK = 16;

    enum Selection {
        ARGMAX, TOP_K,
        /**
         * Candidates drawn without replacement with probability ∝ score (Gumbel-top-k: the order of ln F_h plus
         * seeded Gumbel noise), the first that keeps the occlusion limit taken: the placements follow F_h as a
         * distribution, which is how the plausibility evaluation measures it.
         */
        DRAW
    }

    /** A candidate box: scale index, top-left, size, score. */
    record Candidate(int scale, int x, int y, int width, int height, float score) {
        int centreX() {
            return x + width / 2;
        }

        int centreY() {
            return y + height / 2;
        }
    }

    /** The chosen box and its exact occlusion, plus the peaks considered (for the debug picture). */
    record Placement(Candidate box, ScaledCutOut object, double occlusion, List<Candidate> peaks) {
    }

    private final Selection selection;
    private final int topK;
    private final double maxOcclusion;
    private final int featherPx;
    private final double diversity;

    Placer(Selection selection, int topK, double maxOcclusion, int featherPx, double diversity) {
        this.selection = selection;
        this.topK = topK;
        this.maxOcclusion = maxOcclusion;
        this.featherPx = featherPx;
        this.diversity = diversity;
    }

    Placement place(ScoreMaps maps, Scales scales, CutOut cut, Scene scene, SplittableRandom random) {
        int width = scene.width(), height = scene.height();
        int cells = maps.gridWidth() * maps.gridHeight();
        long salt = random.nextLong();
        long[] pool = new long[Math.max(1, topK * POOL_PER_PEAK)];
        int pooled = 0, valid = 0;
        int[] cx = new int[maps.gridWidth()], cy = new int[maps.gridHeight()];
        for (int gx = 0; gx < cx.length; gx++) {
            cx[gx] = maps.centreX(gx, width);
        }
        for (int gy = 0; gy < cy.length; gy++) {
            cy[gy] = maps.centreY(gy, height);
        }
        // keep the best candidates in a min-heap of (score bits << 32 | index): non-negative floats order like their bits
        for (int i = 0; i < scales.count() && i < maps.maps().length; i++) {
            float[] map = maps.maps()[i];
            if (map == null || !scales.usable()[i]) {
                continue;
            }
            int w = scales.width()[i], h = scales.height()[i];
            for (int c = 0; c < cells; c++) {
                if (!inside(cx[c % cx.length] - w / 2, cy[c / cx.length] - h / 2, w, h, width, height)) {
                    continue;
                }
                valid++;
                long key = selection == Selection.DRAW ? drawKey(map[c], i * cells + c, salt) : key(map[c], i * cells + c, salt);
                if (pooled < pool.length) {
                    pool[pooled++] = key;
                    if (pooled == pool.length) {
                        heapify(pool);
                    }
                } else if (key > pool[0]) {
                    pool[0] = key;
                    siftDown(pool, 0, pool.length);
                }
            }
        }
        if (valid == 0) {
            throw new Unplaceable(cut.name() + ": no valid position: no usable size of the object fits inside the "
                    + width + "x" + height + " image");
        }
        long[] best = Arrays.copyOf(pool, pooled);
        Arrays.sort(best);
        List<Candidate> ranked = new ArrayList<>(pooled);
        for (int k = best.length - 1; k >= 0; k--) {
            ranked.add(candidate(best[k], maps, scales, cells, cx, cy));
        }
        List<Candidate> peaks = peaks(ranked);
        List<Candidate> order = selection == Selection.TOP_K ? drawOrder(peaks, random) : peaks;
        ScaledCutOut[] byScale = new ScaledCutOut[scales.count()];
        Placement placement = firstAllowed(order, cut, scene, peaks, byScale);
        if (placement == null) {
            placement = firstAllowed(ranked, cut, scene, peaks, byScale);
        }
        if (placement == null && valid > pooled) {
            placement = firstAllowed(allCandidates(maps, scales, cells, cx, cy, width, height, salt), cut, scene,
                    peaks, byScale);
        }
        if (placement == null) {
            throw new Unplaceable(cut.name() + ": no valid position: each of the " + valid
                    + " boxes inside the image would hide more than " + String.format(Locale.ROOT, "%.0f%%", 100 * maxOcclusion)
                    + " of an existing object");
        }
        return placement;
    }

    private Placement firstAllowed(List<Candidate> order, CutOut cut, Scene scene, List<Candidate> peaks,
            ScaledCutOut[] byScale) {
        for (Candidate c : order) {
            ScaledCutOut scaled = byScale[c.scale()];
            if (scaled == null) {
                scaled = byScale[c.scale()] = ScaledCutOut.maskOnly(cut, c.width(), c.height(), featherPx);
            }
            if (scaled.area() == 0) {
                continue; // a thin object can vanish at a small size
            }
            double occlusion = scene.occlusionIfPlaced(scaled, c.x(), c.y(), maxOcclusion);
            if (occlusion <= maxOcclusion) {
                return new Placement(c, scaled.withMatte(cut, featherPx), occlusion, peaks);
            }
        }
        return null;
    }

    /** Distinct peaks among the ranked candidates, best first, at most topK. */
    private List<Candidate> peaks(List<Candidate> ranked) {
        List<Candidate> peaks = new ArrayList<>(topK);
        for (Candidate c : ranked) {
            boolean distinct = true;
            for (Candidate p : peaks) {
                double minDistance = 0.25 * (Math.min(c.width(), c.height()) + Math.min(p.width(), p.height()));
                double dx = c.centreX() - p.centreX(), dy = c.centreY() - p.centreY();
                if (dx * dx + dy * dy < minDistance * minDistance) {
                    distinct = false;
                    break;
                }
            }
            if (distinct) {
                peaks.add(c);
                if (peaks.size() == topK) {
                    break;
                }
            }
        }
        return peaks;
    }

    /** The peaks in a seeded order drawn without replacement, probability ∝ score. */
    private static List<Candidate> drawOrder(List<Candidate> peaks, SplittableRandom random) {
        List<Candidate> left = new ArrayList<>(peaks), order = new ArrayList<>(peaks.size());
        while (!left.isEmpty()) {
            double total = 0;
            for (Candidate c : left) {
                total += c.score() + 1e-9;
            }
            double r = random.nextDouble() * total;
            int pick = left.size() - 1;
            for (int i = 0; i < left.size(); i++) {
                r -= left.get(i).score() + 1e-9;
                if (r < 0) {
                    pick = i;
                    break;
                }
            }
            order.add(left.remove(pick));
        }
        return order;
    }

    /** Every valid candidate, best first (the rare path when all of the best fail the occlusion limit). */
    private List<Candidate> allCandidates(ScoreMaps maps, Scales scales, int cells, int[] cx, int[] cy,
            int width, int height, long salt) {
        long[] keys = new long[16];
        int n = 0;
        for (int i = 0; i < scales.count() && i < maps.maps().length; i++) {
            float[] map = maps.maps()[i];
            if (map == null || !scales.usable()[i]) {
                continue;
            }
            int w = scales.width()[i], h = scales.height()[i];
            for (int c = 0; c < cells; c++) {
                if (inside(cx[c % cx.length] - w / 2, cy[c / cx.length] - h / 2, w, h, width, height)) {
                    if (n == keys.length) {
                        keys = Arrays.copyOf(keys, 2 * n);
                    }
                    keys[n++] = selection == Selection.DRAW ? drawKey(map[c], i * cells + c, salt) : key(map[c], i * cells + c, salt);
                }
            }
        }
        Arrays.sort(keys, 0, n);
        List<Candidate> all = new ArrayList<>(n);
        for (int k = n - 1; k >= 0; k--) {
            all.add(candidate(keys[k], maps, scales, cells, cx, cy));
        }
        return all;
    }

    /**
     * Sort key of a candidate: its score jittered by ± diversity/2 (seeded per call, so that ties and near-ties
     * — a plateau of equally good ground — are broken differently for every sample) in the high 32 bits
     * (non-negative floats order like their bits), its index in the low 32.
     */
    private long key(float score, int index, long salt) {
        float s = score > 0 ? score : 0f;
        float jittered = s * (1f + (float) diversity * (unit(salt + index) - 0.5f));
        return ((long) Float.floatToIntBits(jittered) << 32) | index;
    }

    /**
     * Sort key of a candidate for {@link Selection#DRAW}: ln(score) + Gumbel noise (seeded per call and
     * candidate); sorting by it descending is a draw without replacement ∝ score. The float is mapped to an int
     * that orders like it (negative floats included), in the high 32 bits; the index in the low 32.
     */
    private static long drawKey(float score, int index, long salt) {
        double u = (unit(salt + index) + 0x1.0p-25f);
        float k = score > 0 ? (float) (Math.log(score) - Math.log(-Math.log(u))) : -Float.MAX_VALUE;
        int bits = Float.floatToIntBits(k);
        int ordered = bits ^ ((bits >> 31) & 0x7FFFFFFF);
        return ((long) ordered << 32) | (index & 0xFFFFFFFFL);
    }

    /** A uniform [0, 1) from a 64-bit value (SplitMix64's finaliser). */
    private static float unit(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 40) * 0x1.0p-24f;
    }

    private static Candidate candidate(long key, ScoreMaps maps, Scales scales, int cells, int[] cx, int[] cy) {
        int index = (int) key;
        int i = index / cells, c = index % cells;
        int w = scales.width()[i], h = scales.height()[i];
        return new Candidate(i, cx[c % cx.length] - w / 2, cy[c / cx.length] - h / 2, w, h, maps.maps()[i][c]);
    }

    static boolean inside(int x, int y, int w, int h, int width, int height) {
        return x >= 0 && y >= 0 && x + w <= width && y + h <= height;
    }

    private static void heapify(long[] heap) {
        for (int i = heap.length / 2 - 1; i >= 0; i--) {
            siftDown(heap, i, heap.length);
        }
    }

    private static void siftDown(long[] heap, int i, int n) {
        long value = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= value) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = value;
    }
}
