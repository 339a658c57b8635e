package io.maskmill.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.util.List;

import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.imaging.RgbImage;

/**
 * A thumbnail of a sample with its mask laid over it (each class in its VOC palette colour, half
 * transparent; ignore pixels beige) and a box around every instance: solid for the scene's own
 * objects, dashed for pasted ones.
 */
final class Overlay {
    private static final IndexColorModel PALETTE = LabelMasks.vocPalette();
    private static final float ALPHA = 0.5f;

    private Overlay() {
    }

    static BufferedImage thumbnail(RgbImage image, LabelMask semantic, List<Instance> instances, int maxSide) {
        int w = image.width(), h = image.height();
        double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale)), th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        float[] rgb = image.pixels();
        byte[] labels = semantic.labels();
        for (int y = 0; y < th; y++) {
            int sy = Math.min(h - 1, (int) (y / scale));
            for (int x = 0; x < tw; x++) {
                int sx = Math.min(w - 1, (int) (x / scale));
                int s = sy * w + sx, o = 3 * (y * tw + x);
                float r = rgb[3 * s], g = rgb[3 * s + 1], b = rgb[3 * s + 2];
                int label = labels[s] & 0xFF;
                if (label != 0) {
                    r = (1 - ALPHA) * r + ALPHA * PALETTE.getRed(label) / 255f;
                    g = (1 - ALPHA) * g + ALPHA * PALETTE.getGreen(label) / 255f;
                    b = (1 - ALPHA) * b + ALPHA * PALETTE.getBlue(label) / 255f;
                }
                bgr[o] = Images.to8Bit(b);
                bgr[o + 1] = Images.to8Bit(g);
                bgr[o + 2] = Images.to8Bit(r);
            }
        }
        Graphics2D g = out.createGraphics();
        try {
            for (Instance instance : instances) {
                int label = instance.label();
                g.setColor(new Color(PALETTE.getRed(label), PALETTE.getGreen(label), PALETTE.getBlue(label)).brighter());
                g.setStroke(instance.pasted()
                        ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 4f, new float[] {5f, 3f}, 0f)
                        : new BasicStroke(2f));
                int x0 = (int) Math.floor(instance.box().x0() * scale), y0 = (int) Math.floor(instance.box().y0() * scale);
                int x1 = (int) Math.ceil(instance.box().x1() * scale), y1 = (int) Math.ceil(instance.box().y1() * scale);
                g.drawRect(x0, y0, Math.max(1, x1 - x0 - 1), Math.max(1, y1 - y0 - 1));
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** A grid of tiles, each centred in a {@code tile}×{@code tile} cell on a dark ground. */
    static BufferedImage sheet(List<BufferedImage> tiles, int tile) {
        int n = Math.max(1, tiles.size());
        int columns = (int) Math.ceil(Math.sqrt(n));
        int rows = (n + columns - 1) / columns;
        int gap = 4;
        BufferedImage sheet = new BufferedImage(columns * (tile + gap) + gap, rows * (tile + gap) + gap,
                BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(new Color(32, 32, 36));
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            for (int i = 0; i < tiles.size(); i++) {
                BufferedImage t = tiles.get(i);
                int cx = gap + (i % columns) * (tile + gap), cy = gap + (i / columns) * (tile + gap);
                g.drawImage(t, cx + (tile - t.getWidth()) / 2, cy + (tile - t.getHeight()) / 2, null);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }
}
