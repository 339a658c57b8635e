package io.maskmill.harmonize;

import io.maskmill.imaging.Box;
import io.maskmill.imaging.ColorSpaces;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

import java.util.Locale;

/**
 * Training-free region-aware normalisation (RAIN / AdaIN, DiffuMask-Editor §3.2.3) in CIE Lab: per
 * channel the object is normalised with its own statistics and re-scaled with the scene's,
 * <pre>  x' = (x − μ_F) · g^s + μ_F + s · (μ_B − μ_F),   g = σ_B / (σ_F + ε),   ε = 1e-5</pre>
 * which at strength s = 1 is exactly AdaIN's (x − μ_F)/σ_F · σ_B + μ_B; a smaller s moves the mean
 * linearly and the scale geometrically part of the way (so contrast ×2 and ×½ are treated alike),
 * where the scene statistics mix a band around the object with the whole scene, and the change
 * x' − x is blended in through a feathered alpha (optionally per Laplacian band). Pixels outside the
 * object are returned unchanged. Work beyond the global statistics happens in the object's box grown
 * by the band and pyramid margins, so cost follows object size.
 */
public final class RainHarmonizer implements Harmonizer {
    static final double EPSILON = 1e-5;
    static final int MIN_PIXELS = Foreground.MIN_PIXELS;
    /**
     * How far real objects' Lab statistics are from their 32 px band's in real photos: the root mean square of
     * μ_F − μ_B (L, a, b) and of ln(σ_F/σ_B) (L, a, b) over the coco-mini objects ≥ 2000 px of the tune split
     * (even image ids), unperturbed. The dead zone is measured in these units.
     */
    static final double[] NATURAL_SPREAD = {18.6, 9.1, 10.1, 0.43, 0.58, 0.45};

    private final RainSettings settings;
    private final String id;

    public RainHarmonizer(RainSettings settings) {
        this.settings = settings;
        this.id = settings.equals(RainSettings.reinhard()) ? "reinhard"
                : String.format(Locale.ROOT, "rain-adain(strength=%s,band=%d,globalMix=%s,feather=%s,levels=%d,maxGain=%s%s%s)",
                settings.strength(), settings.bandPx(), settings.globalMix(), settings.featherPx(),
                settings.pyramidLevels(), settings.maxGain(),
                settings.deadZone() > 0 ? ",deadZone=" + settings.deadZone() : "",
                Double.isFinite(settings.maxContrastChange()) ? ",maxContrastChange=" + settings.maxContrastChange() : "");
    }

    public RainSettings settings() {
        return settings;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public HarmonizationResult harmonize(RgbImage composite, LabelMask foreground) {
        Foreground fg = Foreground.measure(composite, foreground);
        if (fg.nothingToHarmonize() != null) {
            return HarmonizationResult.passedThrough(composite, fg.nothingToHarmonize());
        }
        byte[] labels = foreground.labels();
        if (settings.strength() == 0) {
            return HarmonizationResult.passedThrough(composite, "strength is 0");
        }
        int levels = settings.pyramidLevels();
        int margin = Math.max(Math.max(settings.bandPx(), levels > 0 ? 2 << levels : 0), 1);
        Box crop = fg.box().expand(margin, composite.width(), composite.height());
        return new Run(composite, labels, crop).apply();
    }

    /** One harmonization: buffers over the crop box. */
    private final class Run {
        final RgbImage composite;
        final byte[] labels;
        final Box crop;
        final int cw, ch;
        final float[] lab;       // crop, interleaved Lab
        final byte[] object;     // crop, 1 = object pixel

        Run(RgbImage composite, byte[] labels, Box crop) {
            this.composite = composite;
            this.labels = labels;
            this.crop = crop;
            this.cw = crop.width();
            this.ch = crop.height();
            this.lab = new float[cw * ch * 3];
            this.object = new byte[cw * ch];
            float[] rgb = composite.pixels();
            float[] rowRgb = new float[cw * 3];
            for (int y = 0; y < ch; y++) {
                int src = (crop.y0() + y) * composite.width() + crop.x0();
                System.arraycopy(rgb, src * 3, rowRgb, 0, cw * 3);
                ColorSpaces.srgbToLab(rowRgb, rowRgb, 0, cw);
                System.arraycopy(rowRgb, 0, lab, y * cw * 3, cw * 3);
                for (int x = 0; x < cw; x++) {
                    object[y * cw + x] = LabelMask.isObject(labels[src + x] & 0xFF) ? (byte) 1 : 0;
                }
            }
        }

        HarmonizationResult apply() {
            Moments fg = new Moments(), band = new Moments();
            float[] toObject = settings.globalMix() < 1 ? ChamferDistance.toNearest(object, cw, ch) : null;
            int w = composite.width();
            for (int y = 0, p = 0; y < ch; y++) {
                int row = (crop.y0() + y) * w + crop.x0();
                for (int x = 0; x < cw; x++, p++) {
                    if (object[p] != 0) {
                        fg.add(lab, 3 * p);
                    } else if (toObject != null && labels[row + x] == LabelMask.BACKGROUND
                            && toObject[p] <= settings.bandPx()) {
                        band.add(lab, 3 * p);
                    }
                }
            }
            Moments global = settings.globalMix() > 0 || band.n < MIN_PIXELS ? globalScene() : null;
            double mix = band.n < MIN_PIXELS ? 1 : settings.globalMix();
            double[] gain = new double[3], offset = new double[3], muB = new double[3], sigmaB = new double[3];
            double distance = 0;
            for (int c = 0; c < 3; c++) {
                muB[c] = mix * (global == null ? 0 : global.mean(c)) + (1 - mix) * band.mean(c);
                sigmaB[c] = mix * (global == null ? 0 : global.std(c)) + (1 - mix) * band.std(c);
                double dMean = (fg.mean(c) - muB[c]) / NATURAL_SPREAD[c];
                double dContrast = Math.log((fg.std(c) + EPSILON) / (sigmaB[c] + EPSILON)) / NATURAL_SPREAD[3 + c];
                distance += dMean * dMean + dContrast * dContrast;
            }
            distance = Math.sqrt(distance / 6); // 1 = as far from the band as a typical real object is
            // how much of the way to go, in proportion to how far off the object is (James–Stein's positive part):
            // none within the dead zone, nearly all of strength far outside it
            double zone = settings.deadZone();
            double strength = zone == 0 ? settings.strength()
                    : settings.strength() * Math.max(0, 1 - zone * zone / Math.max(distance * distance, 1e-12));
            double maxChange = settings.maxContrastChange();
            StringBuilder detail = new StringBuilder(id).append(": ");
            for (int c = 0; c < 3; c++) {
                double g = sigmaB[c] / (fg.std(c) + EPSILON);
                g = Math.min(settings.maxGain(), Math.max(1 / settings.maxGain(), g));
                gain[c] = Math.min(maxChange, Math.max(1 / maxChange, Math.pow(g, strength)));
                offset[c] = fg.mean(c) * (1 - gain[c]) + strength * (muB[c] - fg.mean(c)); // x' = gain·x + offset
                detail.append(String.format(Locale.ROOT, "%s μF=%.2f σF=%.2f μB=%.2f σB=%.2f; ",
                        "Lab".charAt(c), fg.mean(c), fg.std(c), muB[c], sigmaB[c]));
            }
            if (zone > 0) {
                detail.append(String.format(Locale.ROOT, "distance %.2f, strength applied %.3f; ", distance, strength));
            }
            if (strength == 0) {
                return HarmonizationResult.passedThrough(composite, detail + "within the dead zone: the object already fits its surroundings");
            }
            detail.append(fg.n).append(" object px, ").append(band.n).append(" band px, ")
                    .append(global == null ? 0 : global.n).append(" scene px, global mix ").append(mix);
            return HarmonizationResult.applied(blendIn(gain, offset), detail.toString());
        }

        /** Lab moments of all scene pixels (label 0) of the whole image. */
        Moments globalScene() {
            float[] rgb = composite.pixels();
            float[] row = new float[composite.width() * 3];
            Moments m = new Moments();
            for (int y = 0, w = composite.width(); y < composite.height(); y++) {
                System.arraycopy(rgb, y * w * 3, row, 0, w * 3);
                ColorSpaces.srgbToLab(row, row, 0, w);
                for (int x = 0; x < w; x++) {
                    if (labels[y * w + x] == LabelMask.BACKGROUND) {
                        m.add(row, 3 * x);
                    }
                }
            }
            return m;
        }

        RgbImage blendIn(double[] gain, double[] offset) {
            float[] change = new float[lab.length];
            float[] target = new float[lab.length];
            float g0 = (float) gain[0], g1 = (float) gain[1], g2 = (float) gain[2];
            float o0 = (float) offset[0], o1 = (float) offset[1], o2 = (float) offset[2];
            for (int i = 0; i < lab.length; i += 3) {
                target[i] = g0 * lab[i] + o0;
                target[i + 1] = g1 * lab[i + 1] + o1;
                target[i + 2] = g2 * lab[i + 2] + o2;
            }
            ColorSpaces.labToSrgb(target, target);
            float[] rgb = composite.pixels();
            int w = composite.width();
            for (int y = 0; y < ch; y++) {
                int src = ((crop.y0() + y) * w + crop.x0()) * 3;
                for (int i = 0, p = y * cw * 3; i < cw * 3; i++, p++) {
                    change[p] = target[p] - rgb[src + i];
                }
            }
            float[] alpha = featheredAlpha();
            float[] blended = settings.pyramidLevels() > 0
                    ? LaplacianBlend.blend(change, alpha, cw, ch, 3, settings.pyramidLevels())
                    : multiply(change, alpha);
            RgbImage out = composite.copy();
            float[] o = out.pixels();
            for (int y = 0, p = 0; y < ch; y++) {
                int dst = ((crop.y0() + y) * w + crop.x0()) * 3;
                for (int x = 0; x < cw; x++, p++) {
                    if (object[p] != 0) {
                        for (int c = 0; c < 3; c++) {
                            int i = dst + 3 * x + c;
                            o[i] = Math.min(1f, Math.max(0f, rgb[i] + blended[3 * p + c]));
                        }
                    }
                }
            }
            return out;
        }

        float[] featheredAlpha() {
            return ChamferDistance.featheredAlpha(object, cw, ch, settings.featherPx());
        }

        float[] multiply(float[] change, float[] alpha) {
            for (int p = 0; p < alpha.length; p++) {
                change[3 * p] *= alpha[p];
                change[3 * p + 1] *= alpha[p];
                change[3 * p + 2] *= alpha[p];
            }
            return change;
        }
    }

    /** Running sums for per-channel mean and standard deviation. */
    private static final class Moments {
        final double[] sum = new double[3], sumSq = new double[3];
        int n;

        void add(float[] lab, int i) {
            for (int c = 0; c < 3; c++) {
                double v = lab[i + c];
                sum[c] += v;
                sumSq[c] += v * v;
            }
            n++;
        }

        double mean(int c) {
            return n == 0 ? 0 : sum[c] / n;
        }

        double std(int c) {
            if (n == 0) {
                return 0;
            }
            double m = sum[c] / n;
            return Math.sqrt(Math.max(0, sumSq[c] / n - m * m));
        }
    }
}
