package io.maskmill.imaging;

/** Comparisons between masks. */
public final class Masks {
    private Masks() {
    }

    /**
     * Intersection over union of the object pixels (labels 1..254) of two same-size masks; pixels
     * that are {@link LabelMask#IGNORE} in either mask are left out. Two empty masks give 1.
     */
    public static double iou(LabelMask a, LabelMask b) {
        a.requireSameSize(b, "second mask");
        byte[] la = a.labels();
        byte[] lb = b.labels();
        long inter = 0, union = 0;
        for (int i = 0; i < la.length; i++) {
            int va = la[i] & 0xFF, vb = lb[i] & 0xFF;
            if (va == LabelMask.IGNORE || vb == LabelMask.IGNORE) {
                continue;
            }
            boolean fa = va != 0, fb = vb != 0;
            if (fa && fb) inter++;
            if (fa || fb) union++;
        }
        return union == 0 ? 1.0 : (double) inter / union;
    }
}
