package io.maskmill.place;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.maskmill.imaging.CocoDataset;
import io.maskmill.imaging.SharedData;

class ScalePriorTest {
    @Test
    void shippedTableIsWhatTheDocumentedCommandDerivesFromCocoMini() throws IOException {
        String derived = ScalePriorTable.derive(CocoDataset.read(SharedData.require(SharedData.COCO_INSTANCES)),
                "instances_train2017.json");
        try (InputStream in = ScalePrior.class.getResourceAsStream(ScalePrior.RESOURCE)) {
            assertEquals(derived, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void fewInstancesAreShrunkTowardsTheAllClassPriorAndVocNamesMap() {
        ScalePrior prior = ScalePrior.loadDefault();
        ScalePrior.LogNormal all = prior.all();
        // person: many instances, stays near its own mean; apple (n = 1) moves most of the way to the all-class mean
        assertTrue(prior.knows("person"));
        ScalePrior.LogNormal apple = prior.of("apple");
        assertEquals((1 * -1.3686 + 5 * all.mu()) / 6, apple.mu(), 1e-9);
        assertEquals(all.sigma(), apple.sigma(), 1e-9);
        assertEquals(prior.of("airplane"), prior.of("aeroplane"));
        assertEquals(prior.of("couch"), prior.of("sofa"));
        assertEquals(prior.of("tv"), prior.of("tvmonitor"));
        assertFalse(prior.knows("unicorn"));
        assertEquals(all, prior.of("unicorn"));
        assertEquals(1.0, all.likelihood(all.median()), 1e-12);
    }
}
