package io.maskmill.imaging;

/**
 * COCO run-length encoding of binary masks. Runs go down columns (column-major, like pycocotools),
 * alternate 0s and 1s and start with a run of 0s (possibly empty). The compressed string form packs
 * each count, from the fourth on as the difference to the count two places before, into 5-bit
 * groups with a continuation bit, as ASCII characters from '0' (48) upward.
 */
public final class CocoRle {
    private CocoRle() {
    }

    /** Run counts of {@code mask}'s nonzero pixels (labels other than 0 count as 1). */
    public static int[] encode(LabelMask mask) {
        int w = mask.width(), h = mask.height();
        byte[] labels = mask.labels();
        int[] counts = new int[w * h + 1];
        int n = 0, run = 0;
        boolean current = false;
        for (int x = 0; x < w; x++) {
            for (int i = x, end = x + h * w; i < end; i += w) {
                boolean on = labels[i] != 0;
                if (on != current) {
                    counts[n++] = run;
                    run = 0;
                    current = on;
                }
                run++;
            }
        }
        counts[n++] = run;
        return java.util.Arrays.copyOf(counts, n);
    }

    /** Binary (0/1) mask of the given size from run counts; the counts must cover exactly width·height pixels. */
    public static LabelMask decode(int[] counts, int width, int height) {
        byte[] labels = new byte[RgbImage.checkedSize(width, height)];
        long total = 0;
        for (int c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("RLE count is negative: " + c);
            }
            total += c;
        }
        if (total != (long) width * height) {
            throw new IllegalArgumentException("RLE counts add up to " + total + " pixels but the mask is "
                    + width + "x" + height + " = " + (long) width * height);
        }
        int position = 0;
        for (int k = 0; k < counts.length; k++) {
            int end = position + counts[k];
            if ((k & 1) == 1) {
                for (int p = position; p < end; p++) {
                    // column-major position p → row p % height, column p / height
                    labels[(p % height) * width + p / height] = 1;
                }
            }
            position = end;
        }
        return new LabelMask(width, height, labels);
    }

    /** The compressed string form of {@code counts}. */
    public static String compress(int[] counts) {
        StringBuilder s = new StringBuilder(counts.length * 2);
        for (int i = 0; i < counts.length; i++) {
            long x = i > 2 ? (long) counts[i] - counts[i - 2] : counts[i];
            boolean more = true;
            while (more) {
                int c = (int) (x & 0x1f);
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) {
                    c |= 0x20;
                }
                s.append((char) (c + 48));
            }
        }
        return s.toString();
    }

    /** Counts from the compressed string form. */
    public static int[] decompress(String compressed) {
        int[] counts = new int[compressed.length()];
        int n = 0, p = 0;
        while (p < compressed.length()) {
            long x = 0;
            int shift = 0;
            boolean more = true;
            while (more) {
                if (p >= compressed.length()) {
                    throw new IllegalArgumentException("compressed RLE ends inside a count at character " + p);
                }
                int c = compressed.charAt(p++) - 48;
                if (c < 0 || c > 63) {
                    throw new IllegalArgumentException("compressed RLE has an invalid character '"
                            + compressed.charAt(p - 1) + "' at " + (p - 1));
                }
                x |= (long) (c & 0x1f) << shift;
                more = (c & 0x20) != 0;
                shift += 5;
                if (!more && (c & 0x10) != 0) {
                    x |= -1L << shift; // sign-extend the last group
                }
            }
            if (n > 2) {
                x += counts[n - 2];
            }
            if (x < 0 || x > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("compressed RLE decodes to an invalid count " + x + " at index " + n);
            }
            counts[n++] = (int) x;
        }
        return java.util.Arrays.copyOf(counts, n);
    }

    /**
     * The run lengths of a COCO RLE {@code counts} field, compressed (a string) or not (an array).
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static int[] runs(com.fasterxml.jackson.databind.JsonNode counts) {
        if (counts.isTextual()) {
            return decompress(counts.asText());
        }
        if (!counts.isArray()) {
            throw new IllegalArgumentException("RLE counts must be a string or an array of integers");
        }
        int[] runs = new int[counts.size()];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = counts.get(i).asInt();
        }
        return runs;
    }
}
