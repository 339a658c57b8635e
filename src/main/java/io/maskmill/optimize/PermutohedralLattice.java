package io.maskmill.optimize;

import java.util.Arrays;

/**
 * Gaussian filtering in a d-dimensional feature space in O(N·d²) with the permutohedral lattice
 * (Adams, Baek & Davis 2010), as dense CRF inference uses it (Krähenbühl & Koltun 2011): each point
 * is splatted onto the d+1 vertices of its enclosing simplex with barycentric weights, the lattice is
 * blurred along each of its d+1 axes with a [1/2, 1, 1/2] kernel, and the result is sliced back.
 * The features are pre-scaled so that one unit is one standard deviation.
 *
 * <p>The lattice (vertex of each point, weights, blur neighbours) is built once per image; every
 * {@link #filter} afterwards is three flat array passes.
 */
final class PermutohedralLattice {
    private final int d;
    private final int points;
    private final int vertices;
    /** Per point, its d+1 vertex indices and barycentric weights. */
    private final int[] offsets;
    private final float[] weights;
    /** Per axis j and vertex v: the two neighbours along j at [2·(j·M + v)], index M (always 0) when absent. */
    private final int[] neighbours;

    private PermutohedralLattice(int d, int points, int vertices, int[] offsets, float[] weights, int[] neighbours) {
        this.d = d;
        this.points = points;
        this.vertices = vertices;
        this.offsets = offsets;
        this.weights = weights;
        this.neighbours = neighbours;
    }

    int vertices() {
        return vertices;
    }

    /** @param features n points of d features each, {@code features[p·d + i]}, in units of the kernel's σ */
    static PermutohedralLattice build(float[] features, int d, int n) {
        int d1 = d + 1;
        float[] scale = new float[d];
        for (int i = 0; i < d; i++) {
            // the expected squared distance between lattice points, so that a unit Gaussian has σ = 1
            scale[i] = (float) (d1 * Math.sqrt(2.0 / 3.0) / Math.sqrt((i + 1.0) * (i + 2.0)));
        }
        float[] elevated = new float[d1];
        int[] rem0 = new int[d1], rank = new int[d1], key = new int[d];
        int[] previousRem0 = new int[d1], previousRank = new int[d1];
        float[] bary = new float[d + 2];
        int[] offsets = new int[n * d1];
        float[] weights = new float[n * d1];
        KeyTable table = new KeyTable(d, Math.max(1024, n / 2));
        for (int p = 0; p < n; p++) {
            // elevate onto the hyperplane x·1 = 0 of R^(d+1)
            float sm = 0;
            for (int j = d; j > 0; j--) {
                float cf = features[p * d + j - 1] * scale[j - 1];
                elevated[j] = sm - j * cf;
                sm += cf;
            }
            elevated[0] = sm;
            // nearest remainder-0 point, then the ranks of the differences
            int sum = 0;
            for (int i = 0; i < d1; i++) {
                float v = elevated[i] / d1;
                int down = (int) Math.floor(v) * d1, up = (int) Math.ceil(v) * d1;
                rem0[i] = up - elevated[i] < elevated[i] - down ? up : down;
                sum += rem0[i];
            }
            sum /= d1;
            Arrays.fill(rank, 0);
            for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d1; j++) {
                    if (elevated[i] - rem0[i] < elevated[j] - rem0[j]) rank[i]++;
                    else rank[j]++;
                }
            }
            if (sum > 0) {
                for (int i = 0; i < d1; i++) {
                    if (rank[i] >= d1 - sum) {
                        rem0[i] -= d1;
                        rank[i] += sum - d1;
                    } else {
                        rank[i] += sum;
                    }
                }
            } else if (sum < 0) {
                for (int i = 0; i < d1; i++) {
                    if (rank[i] < -sum) {
                        rem0[i] += d1;
                        rank[i] += d1 + sum;
                    } else {
                        rank[i] += sum;
                    }
                }
            }
            Arrays.fill(bary, 0);
            for (int i = 0; i < d1; i++) {
                float v = (elevated[i] - rem0[i]) / d1;
                bary[d - rank[i]] += v;
                bary[d1 - rank[i]] -= v;
            }
            bary[0] += 1 + bary[d1];
            // neighbouring pixels mostly fall in the same simplex: then its vertices are the previous point's
            boolean sameSimplex = p > 0 && Arrays.equals(rem0, previousRem0) && Arrays.equals(rank, previousRank);
            for (int k = 0; k < d1; k++) {
                if (sameSimplex) {
                    offsets[p * d1 + k] = offsets[(p - 1) * d1 + k];
                } else {
                    for (int i = 0; i < d; i++) {
                        key[i] = rem0[i] + k - (rank[i] > d - k ? d1 : 0);
                    }
                    offsets[p * d1 + k] = table.findOrInsert(key);
                }
                weights[p * d1 + k] = bary[k];
            }
            if (!sameSimplex) {
                System.arraycopy(rem0, 0, previousRem0, 0, d1);
                System.arraycopy(rank, 0, previousRank, 0, d1);
            }
        }
        int m = table.size();
        // v's neighbour along j is v + e_j with e_j = (1, …, 1, −d at j, 1, …) (all ones for j = d);
        // when that neighbour a exists, v is a's neighbour the other way: one look-up serves both
        int[] neighbours = new int[2 * d1 * m];
        Arrays.fill(neighbours, m);
        int[] next = new int[d];
        for (int j = 0; j < d1; j++) {
            for (int v = 0; v < m; v++) {
                int base = v * d;
                for (int k = 0; k < d; k++) {
                    next[k] = table.keys[base + k] + (k == j ? -d : 1);
                }
                int a = table.find(next);
                if (a >= 0) {
                    neighbours[2 * (j * m + v)] = a;
                    neighbours[2 * (j * m + a) + 1] = v;
                }
            }
        }
        return new PermutohedralLattice(d, n, m, offsets, weights, neighbours);
    }

    /** out_i ∝ Σ_j exp(−‖f_i − f_j‖²/2)·in_j (up to a constant factor, the same for every i). */
    void filter(float[] in, float[] out) {
        int d1 = d + 1, m = vertices;
        float[] a = new float[m + 1], b = new float[m + 1]; // slot m is the absent neighbour, always 0
        for (int p = 0; p < points; p++) {
            float v = in[p];
            for (int k = 0, o = p * d1; k < d1; k++) {
                a[offsets[o + k]] += weights[o + k] * v;
            }
        }
        for (int j = 0; j < d1; j++) {
            for (int v = 0, nb = 2 * j * m; v < m; v++, nb += 2) {
                b[v] = a[v] + 0.5f * (a[neighbours[nb]] + a[neighbours[nb + 1]]);
            }
            float[] swap = a;
            a = b;
            b = swap;
        }
        for (int p = 0; p < points; p++) {
            float acc = 0;
            for (int k = 0, o = p * d1; k < d1; k++) {
                acc += weights[o + k] * a[offsets[o + k]];
            }
            out[p] = acc;
        }
    }

    /** Open-addressing table from d-int lattice keys to dense vertex indices. */
    private static final class KeyTable {
        private final int d;
        int[] keys;
        private int[] slots;
        private int size;

        KeyTable(int d, int expected) {
            this.d = d;
            int capacity = Integer.highestOneBit(Math.max(16, expected) * 2);
            slots = new int[capacity];
            Arrays.fill(slots, -1);
            keys = new int[expected * d];
        }

        int size() {
            return size;
        }

        int find(int[] key) {
            int mask = slots.length - 1;
            for (int s = hash(key, 0) & mask; ; s = (s + 1) & mask) {
                int v = slots[s];
                if (v < 0) return -1;
                if (equal(key, v)) return v;
            }
        }

        int findOrInsert(int[] key) {
            if (2 * (size + 1) > slots.length) grow();
            int mask = slots.length - 1;
            for (int s = hash(key, 0) & mask; ; s = (s + 1) & mask) {
                int v = slots[s];
                if (v < 0) {
                    if ((size + 1) * d > keys.length) keys = Arrays.copyOf(keys, keys.length * 2);
                    System.arraycopy(key, 0, keys, size * d, d);
                    slots[s] = size;
                    return size++;
                }
                if (equal(key, v)) return v;
            }
        }

        private boolean equal(int[] key, int v) {
            for (int i = 0, o = v * d; i < d; i++) {
                if (keys[o + i] != key[i]) return false;
            }
            return true;
        }

        private int hash(int[] key, int offset) {
            int h = 0;
            for (int i = 0; i < d; i++) {
                h = h * 2531011 + key[offset + i];
            }
            return h ^ (h >>> 15) ^ (h >>> 7);
        }

        private void grow() {
            int[] old = slots;
            slots = new int[old.length * 2];
            Arrays.fill(slots, -1);
            int mask = slots.length - 1;
            int[] k = new int[d];
            for (int v : old) {
                if (v < 0) continue;
                System.arraycopy(keys, v * d, k, 0, d);
                int s = hash(k, 0) & mask;
                while (slots[s] >= 0) s = (s + 1) & mask;
                slots[s] = v;
            }
        }
    }
}
