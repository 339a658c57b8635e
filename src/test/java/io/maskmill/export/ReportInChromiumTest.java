package io.maskmill.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.store.LocalArtifactStore;

/** The HTML report renders in a real browser (headless Chromium) into a page that is not blank. */
class ReportInChromiumTest {
    @TempDir
    Path tmp;

    @Test
    void reportIsSelfContainedAndRendersInHeadlessChromium() throws Exception {
        LocalArtifactStore store = new LocalArtifactStore(tmp.resolve("store"), Set.of("maskmill"));
        SyntheticJob job = new SyntheticJob(store, "rep-1");
        for (int i = 0; i < 12; i++) {
            job.add(i, 160, 120);
        }
        job.reject(40, "mask quality 0.21 below the class threshold 0.35");
        job.put("s000011", "harmonize", "image.png", new byte[] {1, 2, 3});
        ExportService exports = new ExportService(store, new ObjectMapper(), ExportSettings.defaults());
        ExportService.Result result = exports.export("rep-1", null);
        Path dir = tmp.resolve("dataset");
        exports.copyCurrent("rep-1", dir);
        String html = Files.readString(dir.resolve(DatasetLayout.REPORT));
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:|//|[a-zA-Z]+/).*"), "nothing fetched from elsewhere");
        assertTrue(html.contains("data:image/jpeg;base64,"));
        assertTrue(html.contains("<svg"));
        assertTrue(html.contains("mask quality 0.21 below the class threshold 0.35"));
        assertEquals(11, result.images());

        BufferedImage sheet = ImageIO.read(dir.resolve(DatasetLayout.CONTACT_SHEET).toFile());
        assertTrue(distinctColours(sheet) > 50, "contact sheet has content");

        Optional<String> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(), "chromium is not installed (Debian: apt-get install -y chromium)");
        Path shot = Path.of("target", "export-report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        Process p = new ProcessBuilder(chromium.get(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-profile"), "--hide-scrollbars",
                "--window-size=1280,2000", "--screenshot=" + shot, dir.resolve(DatasetLayout.REPORT).toUri().toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertTrue(Files.exists(shot), "no screenshot; chromium said: " + log);
        BufferedImage screenshot = ImageIO.read(shot.toFile());
        assertEquals(1280, screenshot.getWidth());
        assertTrue(distinctColours(screenshot) > 200, "the rendered page is blank or nearly so");
        assertTrue(nonBackgroundShare(screenshot) > 0.05, "too little drawn on the page");
    }

    static Optional<String> chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name).toString());
                }
            }
        }
        return Optional.empty();
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }

    /** Share of pixels that differ from the page background (the top-left pixel). */
    private static double nonBackgroundShare(BufferedImage image) {
        int background = image.getRGB(0, 0), differ = 0, total = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                total++;
                if (image.getRGB(x, y) != background) {
                    differ++;
                }
            }
        }
        return differ / (double) total;
    }
}
