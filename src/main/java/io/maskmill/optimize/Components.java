package io.maskmill.optimize;

import io.maskmill.imaging.LabelMask;

/**
 * Connected regions of equal label in a mask (every label, background and ignore included), found
 * with a scanline flood fill over an int stack: no recursion, no boxing.
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
        int w = mask.width(), h = mask.height(), n = w * h;
        byte[] labels = mask.labels();
        int[] region = new int[n];
        java.util.Arrays.fill(region, -1);
        int[] stack = new int[Math.max(16, n)];
        GrowingInts lab = new GrowingInts(), sz = new GrowingInts(), x0 = new GrowingInts(), y0 = new GrowingInts(),
                x1 = new GrowingInts(), y1 = new GrowingInts(), border = new GrowingInts();
        int count = 0;
        for (int start = 0; start < n; start++) {
            if (region[start] >= 0) {
                continue;
            }
            byte value = labels[start];
            int id = count++;
            int pixels = 0, mnx = w, mny = h, mxx = -1, mxy = -1;
            int top = 0;
            stack[top++] = start;
            region[start] = id;
            while (top > 0) {
                int p = stack[--top];
                int x = p % w, y = p / w;
                pixels++;
                if (x < mnx) mnx = x;
                if (x > mxx) mxx = x;
                if (y < mny) mny = y;
                if (y > mxy) mxy = y;
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = y + dy;
                    if (ny < 0 || ny >= h) continue;
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        if (nx < 0 || nx >= w || (dx == 0 && dy == 0) || (!eightConnected && dx != 0 && dy != 0)) continue;
                        int q = ny * w + nx;
                        if (region[q] < 0 && labels[q] == value) {
                            region[q] = id;
                            stack[top++] = q; // each pixel is pushed once, so n slots suffice
                        }
                    }
                }
            }
            lab.add(value & 0xFF);
            sz.add(pixels);
            x0.add(mnx);
            y0.add(mny);
            x1.add(mxx);
            y1.add(mxy);
            border.add(mnx == 0 || mny == 0 || mxx == w - 1 || mxy == h - 1 ? 1 : 0);
        }
        boolean[] touches = new boolean[count];
        for (int i = 0; i < count; i++) {
            touches[i] = border.values[i] != 0;
        }
        return new Components(region, count, lab.trimmed(), sz.trimmed(), x0.trimmed(), y0.trimmed(), x1.trimmed(),
                y1.trimmed(), touches);
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

    private static final class GrowingInts {
        int[] values = new int[64];
        int size;

        void add(int v) {
            if (size == values.length) values = java.util.Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        int[] trimmed() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
