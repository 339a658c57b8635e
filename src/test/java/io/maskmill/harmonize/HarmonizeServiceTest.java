package io.maskmill.harmonize;

import io.maskmill.events.InvalidInputException;
import io.maskmill.imaging.Images;
import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.LabelMasks;
import io.maskmill.imaging.RgbImage;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HarmonizeServiceTest {
    private final HarmonizeService service = new HarmonizeService(new RainHarmonizer(RainSettings.defaults()));

    @Test
    void harmonizesEachPastedObjectAndKeepsTheScene() {
        LabelMask one = RainHarmonizerTest.object();
        RgbImage image = RainHarmonizerTest.composite(one);
        LabelMask pasted = new LabelMask(one.width(), one.height());
        pasted.paint(one, 3);
        for (int y = 60; y < 75; y++) {
            for (int x = 75; x < 90; x++) {
                pasted.set(x, y, 7);
                image.set(x, y, 1, 0.95f);
            }
        }
        RgbImage stored = Images.readRgb(Images.writePng(image));
        HarmonizeService.Output out = service.harmonize(Images.writePng(image), "composite.png",
                LabelMasks.writeVocPng(pasted), "pasted.png");
        assertTrue(out.result().applied(), out.result().detail());
        assertTrue(out.result().detail().startsWith("object 3: rain-adain"), out.result().detail());
        assertTrue(out.result().detail().contains("; object 7: rain-adain"), out.result().detail());
        RgbImage result = Images.readRgb(out.png());
        int changedInside = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                boolean differs = result.get(x, y, 0) != stored.get(x, y, 0) || result.get(x, y, 1) != stored.get(x, y, 1)
                        || result.get(x, y, 2) != stored.get(x, y, 2);
                if (pasted.get(x, y) == 0) {
                    assertFalse(differs, "scene pixel " + x + "," + y);
                } else if (differs) {
                    changedInside++;
                }
            }
        }
        assertTrue(changedInside > 0.9 * (one.count(1) + 225), "changed object pixels: " + changedInside);
    }

    @Test
    void greyscaleCompositeIsPassedThroughAndBadMaskIsRefused() throws IOException {
        BufferedImage grey = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(grey, "png", png);
        LabelMask mask = new LabelMask(40, 30);
        mask.set(3, 3, 1);
        HarmonizeService.Output out = service.harmonize(png.toByteArray(), "grey.png", LabelMasks.writeVocPng(mask), "m.png");
        assertFalse(out.result().applied());
        assertEquals("grey.png is a greyscale image: there is no colour to harmonize", out.result().detail());

        byte[] rgbMask = Images.writePng(new RgbImage(40, 30));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> service.harmonize(Images.writePng(new RgbImage(40, 30)), "c.png", rgbMask, "rgb-mask.png"));
        assertTrue(e.getMessage().startsWith("rgb-mask.png: label mask PNG must be palette"), e.getMessage());
        InvalidInputException size = assertThrows(InvalidInputException.class, () -> service.harmonize(
                Images.writePng(new RgbImage(40, 30)), "c.png", LabelMasks.writeVocPng(new LabelMask(41, 30)), "m.png"));
        assertTrue(size.getMessage().contains("41x30"), size.getMessage());
    }
}
