package io.maskmill.optimize;

import io.maskmill.imaging.LabelMask;

/**
 * Connected regions of equal label in a mask (every label, background and ignore included), found
 * on runs: each row is cut into runs of one label, a run joins the runs of the row above that it
 * touches (union–find, the earliest run as root), and only then are the pixels painted, one
 * {@code Arrays.fill} per run. A mask from a smooth map has a few runs per row, so this costs about
 * one pass over the pixels. Regions are numbered in the raster order of their first pixel.
 */
final class Components {
    /** Region index of each pixel, row-major. */
    final int[] region;
    /** Per region: its label (0..255), pixel count, bounding box (inclusive), whether it touches the border. */
    final int[] label;
    final int[] size;
    final int[] minX, minY, maxX, maxY;
    final boolean[] touchesBorder;
    final int count;

    private Components(int[] region, int count, int[] label, int[] size, int[] minX, int[] minY, int[] maxX, int[] maxY,
                       boolean[] touchesBorder) {
        this.region = region;
        this.count = count;
        this.label = label;
        this.size = size;
        this.minX = minX;
        this.minY = minY;
        this.maxX = maxX;
        this.maxY = maxY;
        this.touchesBorder = touchesBorder;
    }

    /** Regions of {@code mask}; {@code eightConnected} joins diagonal neighbours too. */
    static Components of(LabelMask mask, boolean eightConnected) {
        int w = mask.width(), h = mask.height();
        Runs runs = Runs.of(mask);
        int[] parent = new int[runs.count];
        for (int r = 0; r < runs.count; r++) parent[r] = r;
        int reach = eightConnected ? 1 : 0; // a run touches the row above over [start − reach, end + reach]
        for (int y = 1; y < h; y++) {
            int above = runs.rowStart[y - 1], aboveEnd = runs.rowStart[y];
            for (int r = runs.rowStart[y]; r < runs.rowStart[y + 1]; r++) {
                int from = runs.start[r] - reach, to = runs.end[r] + reach;
                while (above < aboveEnd && runs.end[above] < from) above++;
                for (int a = above; a < aboveEnd && runs.start[a] <= to; a++) {
                    if (runs.label[a] == runs.label[r]) union(parent, a, r);
                }
            }
        }
        int[] id = new int[runs.count];
        int count = 0;
        for (int r = 0; r < runs.count; r++) {
            id[r] = parent[r] == r ? count++ : id[find(parent, r)]; // a root precedes its runs
        }
        int[] label = new int[count], size = new int[count], minX = new int[count], minY = new int[count],
                maxX = new int[count], maxY = new int[count];
        java.util.Arrays.fill(minX, w);
        java.util.Arrays.fill(minY, h);
        java.util.Arrays.fill(maxX, -1);
        java.util.Arrays.fill(maxY, -1);
        int[] region = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int r = runs.rowStart[y]; r < runs.rowStart[y + 1]; r++) {
                int c = id[r], s = runs.start[r], e = runs.end[r];
                java.util.Arrays.fill(region, y * w + s, y * w + e + 1, c);
                label[c] = runs.label[r];
                size[c] += e - s + 1;
                minX[c] = Math.min(minX[c], s);
                maxX[c] = Math.max(maxX[c], e);
                minY[c] = Math.min(minY[c], y);
                maxY[c] = Math.max(maxY[c], y);
            }
        }
        boolean[] touches = new boolean[count];
        for (int c = 0; c < count; c++) {
            touches[c] = minX[c] == 0 || minY[c] == 0 || maxX[c] == w - 1 || maxY[c] == h - 1;
        }
        return new Components(region, count, label, size, minX, minY, maxX, maxY, touches);
    }

    private static int find(int[] parent, int r) {
        while (parent[r] != r) {
            parent[r] = parent[parent[r]]; // path halving
            r = parent[r];
        }
        return r;
    }

    /** Joins the sets of a and b under the smaller root, so every root is its region's first run. */
    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra < rb) parent[rb] = ra;
        else if (rb < ra) parent[ra] = rb;
    }

    int boxArea(int r) {
        return (maxX[r] - minX[r] + 1) * (maxY[r] - minY[r] + 1);
    }

    /** Regions carrying an object label (1..254). */
    int objectRegions() {
        int n = 0;
        for (int r = 0; r < count; r++) {
            if (LabelMask.isObject(label[r])) n++;
        }
        return n;
    }

    /** Maximal runs of one label per row: row y holds runs rowStart[y] until rowStart[y + 1]. */
    private static final class Runs {
        int[] start, end, label;
        final int[] rowStart;
        int count;

        private Runs(int h, int capacity) {
            start = new int[capacity];
            end = new int[capacity];
            label = new int[capacity];
            rowStart = new int[h + 1];
        }

        static Runs of(LabelMask mask) {
            int w = mask.width(), h = mask.height();
            byte[] labels = mask.labels();
            Runs runs = new Runs(h, Math.max(16, 4 * h));
            for (int y = 0; y < h; y++) {
                runs.rowStart[y] = runs.count;
                int row = y * w;
                for (int x = 0; x < w; ) {
                    byte v = labels[row + x];
                    int s = x;
                    while (++x < w && labels[row + x] == v) {
                    }
                    runs.add(s, x - 1, v & 0xFF);
                }
            }
            runs.rowStart[h] = runs.count;
            return runs;
        }

        private void add(int s, int e, int l) {
            if (count == start.length) {
                int n = 2 * count;
                start = java.util.Arrays.copyOf(start, n);
                end = java.util.Arrays.copyOf(end, n);
                label = java.util.Arrays.copyOf(label, n);
            }
            start[count] = s;
            end[count] = e;
            label[count++] = l;
        }
    }
}
