package io.maskmill.place;

/**
 * Score maps on a grid over the background, one per scale. Grid cell (gx, gy) stands for the
 * candidate centre pixel (⌊(gx + ½)·W / gridWidth⌋, ⌊(gy + ½)·H / gridHeight⌋) of a W×H background.
 *
 * @param maps {@code maps[i][gy * gridWidth + gx]}, null for scales that are not scored
 */
public record ScoreMaps(int gridWidth, int gridHeight, float[][] maps) {
    public ScoreMaps {
        if (gridWidth < 1 || gridHeight < 1) {
            throw new IllegalArgumentException("score grid must be at least 1x1, got " + gridWidth + "x" + gridHeight);
        }
        for (int i = 0; i < maps.length; i++) {
            if (maps[i] != null && maps[i].length != gridWidth * gridHeight) {
                throw new IllegalArgumentException("score map " + i + " has " + maps[i].length + " values, the "
                        + gridWidth + "x" + gridHeight + " grid needs " + gridWidth * gridHeight);
            }
        }
    }

    /** Wraps a FOPA model's output [n, 1, 256, 256] (n = scales, row-major, values in [0, 1]). */
    public static ScoreMaps fopa(float[] output, int scales) {
        int cells = FopaInputs.SIZE * FopaInputs.SIZE;
        if (output.length != scales * cells) {
            throw new IllegalArgumentException("FOPA output has " + output.length + " values, expected " + scales
                    + "x1x" + FopaInputs.SIZE + "x" + FopaInputs.SIZE);
        }
        float[][] maps = new float[scales][];
        for (int i = 0; i < scales; i++) {
            maps[i] = java.util.Arrays.copyOfRange(output, i * cells, (i + 1) * cells);
        }
        return new ScoreMaps(FopaInputs.SIZE, FopaInputs.SIZE, maps);
    }

    /** Grid column → centre pixel column of a background {@code width} wide. */
    public int centreX(int gx, int width) {
        return (int) ((gx + 0.5) * width / gridWidth);
    }

    public int centreY(int gy, int height) {
        return (int) ((gy + 0.5) * height / gridHeight);
    }
}
