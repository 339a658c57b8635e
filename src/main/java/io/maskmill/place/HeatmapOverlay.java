package io.maskmill.place;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import io.maskmill.imaging.Images;
import io.maskmill.imaging.RgbImage;

/**
 * The debug picture: one panel per object, side by side. Each panel is the scene the object was placed
 * into, darkened, under F_h (maximum over scales, normalised to the panel's maximum, black → red → yellow
 * → white); the horizon as a dashed blue line; the top-K peaks as cyan circles sized like their boxes'
 * shorter side / 4; the chosen box in green (none when the object could not be placed).
 */
final class HeatmapOverlay {
    private final List<BufferedImage> panels = new ArrayList<>();

    void add(RgbImage scene, ScoreMaps maps, SceneCues cues, Placer.Candidate chosen, List<Placer.Candidate> peaks,
            String label) {
        int w = scene.width(), h = scene.height();
        int gw = maps.gridWidth(), gh = maps.gridHeight();
        float[] best = new float[gw * gh];
        float max = 0;
        for (int i = 0; i < maps.maps().length; i++) {
            float[] map = maps.maps()[i];
            if (map == null || chosen != null && chosen.scale() != i) {
                continue;
            }
            for (int c = 0; c < best.length; c++) {
                best[c] = Math.max(best[c], map[c]);
                max = Math.max(max, map[c]);
            }
        }
        float[] out = new float[w * h * 3];
        float[] px = scene.pixels();
        for (int y = 0; y < h; y++) {
            int gy = Math.min(gh - 1, (int) ((long) y * gh / h));
            for (int x = 0; x < w; x++) {
                int gx = Math.min(gw - 1, (int) ((long) x * gw / w));
                float v = max > 0 ? best[gy * gw + gx] / max : 0;
                int i = 3 * (y * w + x);
                float[] heat = colour(v);
                for (int c = 0; c < 3; c++) {
                    out[i + c] = 0.3f * px[i + c] + 0.7f * heat[c];
                }
            }
        }
        BufferedImage panel = Images.toBufferedImage(new RgbImage(w, h, out));
        Graphics2D g = panel.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int stroke = Math.max(1, Math.min(w, h) / 200);
        if (cues != null) {
            g.setColor(new Color(80, 140, 255));
            g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {8f * stroke, 6f * stroke}, 0f));
            g.drawLine(0, cues.horizonRow(), w - 1, cues.horizonRow());
        }
        g.setStroke(new BasicStroke(stroke));
        g.setColor(Color.CYAN);
        for (Placer.Candidate p : peaks) {
            int r = Math.max(2, Math.min(p.width(), p.height()) / 8);
            g.drawOval(p.centreX() - r, p.centreY() - r, 2 * r, 2 * r);
        }
        if (chosen != null) {
            g.setColor(Color.GREEN);
            g.setStroke(new BasicStroke(2f * stroke));
            g.drawRect(chosen.x(), chosen.y(), chosen.width() - 1, chosen.height() - 1);
        }
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, h / 30)));
        g.drawString(label + (chosen == null ? " (not placed)" : String.format(java.util.Locale.ROOT,
                " s=%d/%d F=%.3f", chosen.scale() + 1, maps.maps().length + 2, chosen.score())), 4 * stroke,
                Math.max(12, h / 30) + 2 * stroke);
        g.dispose();
        panels.add(panel);
    }

    /** All panels side by side (null when none were added). */
    RgbImage render() {
        if (panels.isEmpty()) {
            return null;
        }
        int w = 0, h = 0;
        for (BufferedImage p : panels) {
            w += p.getWidth();
            h = Math.max(h, p.getHeight());
        }
        BufferedImage all = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = all.createGraphics();
        int x = 0;
        for (BufferedImage p : panels) {
            g.drawImage(p, x, 0, null);
            x += p.getWidth();
        }
        g.dispose();
        return Images.toRgb(all);
    }

    private static float[] colour(float v) {
        float r = Math.min(1f, 3f * v), g = Math.max(0f, Math.min(1f, 3f * v - 1f)), b = Math.max(0f, 3f * v - 2f);
        return new float[] {r, g, b};
    }
}
