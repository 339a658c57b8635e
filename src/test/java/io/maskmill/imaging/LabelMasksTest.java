package io.maskmill.imaging;

import io.maskmill.events.InvalidInputException;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelMasksTest {
    @Test
    void vocPaletteHasVocColours() {
        IndexColorModel p = LabelMasks.vocPalette();
        assertEquals(0x000000, p.getRGB(0) & 0xFFFFFF);
        assertEquals(0x800000, p.getRGB(1) & 0xFFFFFF); // aeroplane
        assertEquals(0x008000, p.getRGB(2) & 0xFFFFFF); // bicycle
        assertEquals(0xC08080, p.getRGB(15) & 0xFFFFFF); // person
        assertEquals(0xE0E0C0, p.getRGB(255) & 0xFFFFFF); // void
    }

    @Test
    void writesPalettePngAndReadsIndicesBack() throws IOException {
        LabelMask mask = new LabelMask(31, 17);
        for (int i = 0; i < mask.labels().length; i++) {
            mask.labels()[i] = (byte) (i % 7 == 0 ? 255 : i % 21);
        }
        byte[] png = LabelMasks.writeVocPng(mask);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(decoded.getColorModel() instanceof IndexColorModel, "palette PNG");
        assertEquals(0xE0E0C0, decoded.getRGB(0, 0) & 0xFFFFFF, "255 drawn in the VOC void colour");
        assertEquals(mask, LabelMasks.readIndexedPng(png, "mask.png"));
    }

    @Test
    void refusesRgbPngAndJpeg() {
        byte[] rgbPng = Images.writePng(new RgbImage(4, 4));
        InvalidInputException rgb = assertThrows(InvalidInputException.class, () -> LabelMasks.readIndexedPng(rgbPng, "m.png"));
        assertTrue(rgb.getMessage().startsWith("m.png: label mask PNG must be palette"), rgb.getMessage());
        byte[] jpeg = Images.writeJpeg(new RgbImage(4, 4), 0.9f);
        InvalidInputException notPng = assertThrows(InvalidInputException.class, () -> LabelMasks.readIndexedPng(jpeg, "m.jpg"));
        assertTrue(notPng.getMessage().startsWith("m.jpg: a label mask must be a PNG"), notPng.getMessage());
    }
}
