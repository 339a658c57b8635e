package io.maskmill.place;

import java.util.Locale;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.LabelMask;

/**
 * Whether a mask region is a whole object worth pasting: one piece (not several instances taken
 * together, not split by an occluder), not cut by its image's border, not mostly hidden behind other
 * objects, and large enough to be pasted without enlarging it into blocks. Used where object sources
 * are chosen (augment: per annotated instance, with every other annotation known) and again by the
 * place stage on the mask it is given. The measures are plain mask geometry:
 * <ul>
 * <li><b>size</b>: the shorter side of the region's box;</li>
 * <li><b>border contact</b>: positions along the image's edges where the region reaches within 2 px of
 *     the edge, over the region box's perimeter;</li>
 * <li><b>pieces</b>: the largest 8-connected component's share of the region;</li>
 * <li><b>hidden</b>: of the region's outline pixels (4-neighbourhood, image edges aside), the share next
 *     to another object's pixel — masks do not say which of two touching objects is in front, so this is
 *     an upper bound on how much of the object is hidden.</li>
 * </ul>
 */
public final class WholeObject {
    /** Pixels from the image edge within which a region counts as touching it. */
    static final int EDGE_BAND = 2;

    /**
     * @param minSidePx         smallest shorter side of the region's box
     * @param maxBorderContact  largest share of the box perimeter the region may run along the image's edge
     * @param minMainPiece      smallest share of the region in its largest connected piece
     * @param maxHiddenOutline  largest share of the region's outline that may border other objects
     */
    public record Criteria(int minSidePx, double maxBorderContact, double minMainPiece, double maxHiddenOutline) {
        public Criteria {
            if (minSidePx < 1 || !(maxBorderContact >= 0 && maxBorderContact <= 1)
                    || !(minMainPiece >= 0 && minMainPiece <= 1) || !(maxHiddenOutline >= 0 && maxHiddenOutline <= 1)) {
                throw new IllegalArgumentException("invalid whole-object criteria " + this
                        + " (need minSidePx >= 1 and the shares in [0,1])");
            }
        }

        /** 40 px, 2 % border contact, 85 % in one piece, at most half the outline against other objects. */
        public static Criteria defaults() {
            return new Criteria(40, 0.02, 0.85, 0.5);
        }
    }

    /** The measures of one region. */
    public record Measures(Box box, int area, double borderContact, double mainPiece, double hiddenOutline) {
    }

    private WholeObject() {
    }

    /**
     * Measures the pixels of {@code mask} carrying {@code label}; {@code others} (same size, may be null)
     * is nonzero where other objects are. Null if the region is empty.
     */
    public static Measures measure(LabelMask mask, int label, LabelMask others) {
        Box box = mask.box(label);
        if (box == null) {
            return null;
        }
        int w = mask.width(), h = mask.height();
        byte[] m = mask.labels();
        byte l = (byte) label;
        byte[] o = others == null ? null : others.labels();
        int area = 0, outline = 0, hidden = 0;
        boolean[] top = new boolean[w], bottom = new boolean[w], left = new boolean[h], right = new boolean[h];
        for (int y = box.y0(); y < box.y1(); y++) {
            for (int x = box.x0(); x < box.x1(); x++) {
                int i = y * w + x;
                if (m[i] != l) {
                    continue;
                }
                area++;
                top[x] |= y < EDGE_BAND;
                bottom[x] |= y >= h - EDGE_BAND;
                left[y] |= x < EDGE_BAND;
                right[y] |= x >= w - EDGE_BAND;
                boolean edge = false, nextToOther = false;
                int[][] nb = {{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}};
                for (int[] n : nb) {
                    if (n[0] < 0 || n[1] < 0 || n[0] >= w || n[1] >= h) {
                        continue;
                    }
                    int j = n[1] * w + n[0];
                    if (m[j] != l) {
                        edge = true;
                        nextToOther |= o != null && o[j] != 0;
                    }
                }
                if (edge) {
                    outline++;
                    hidden += nextToOther ? 1 : 0;
                }
            }
        }
        int contact = count(top) + count(bottom) + count(left) + count(right);
        double perimeter = 2.0 * (box.width() + box.height());
        return new Measures(box, area, contact / perimeter, (double) largestPiece(mask, label, box) / area,
                outline == 0 ? 0 : (double) hidden / outline);
    }

    /** Why the region is not a whole object to paste, or null when it is. */
    public static String problem(LabelMask mask, int label, LabelMask others, Criteria c) {
        Measures s = measure(mask, label, others);
        if (s == null) {
            return "the mask is empty";
        }
        if (Math.min(s.box().width(), s.box().height()) < c.minSidePx()) {
            return String.format(Locale.ROOT, "too small: %dx%d px, under %d px a side", s.box().width(),
                    s.box().height(), c.minSidePx());
        }
        if (s.borderContact() > c.maxBorderContact()) {
            return String.format(Locale.ROOT, "cut by the image border (runs along it for %.0f%% of its box's perimeter)",
                    100 * s.borderContact());
        }
        if (s.mainPiece() < c.minMainPiece()) {
            return String.format(Locale.ROOT, "in pieces: the largest holds %.0f%% of it (occluded, or several objects)",
                    100 * s.mainPiece());
        }
        if (s.hiddenOutline() > c.maxHiddenOutline()) {
            return String.format(Locale.ROOT, "mostly hidden: %.0f%% of its outline borders other objects",
                    100 * s.hiddenOutline());
        }
        return null;
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean v : b) {
            n += v ? 1 : 0;
        }
        return n;
    }

    /** Pixels of the largest 8-connected piece of the label inside its box (iterative flood fill). */
    static int largestPiece(LabelMask mask, int label, Box box) {
        int w = mask.width();
        byte[] m = mask.labels();
        byte l = (byte) label;
        int bw = box.width(), bh = box.height();
        boolean[] seen = new boolean[bw * bh];
        int[] stack = new int[bw * bh];
        int best = 0;
        for (int start = 0; start < seen.length; start++) {
            if (seen[start] || m[(box.y0() + start / bw) * w + box.x0() + start % bw] != l) {
                continue;
            }
            int size = 0, top = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int p = stack[--top];
                size++;
                int px = p % bw, py = p / bw;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int qx = px + dx, qy = py + dy;
                        if (qx < 0 || qy < 0 || qx >= bw || qy >= bh) {
                            continue;
                        }
                        int q = qy * bw + qx;
                        if (!seen[q] && m[(box.y0() + qy) * w + box.x0() + qx] == l) {
                            seen[q] = true;
                            stack[top++] = q;
                        }
                    }
                }
            }
            best = Math.max(best, size);
        }
        return best;
    }
}
