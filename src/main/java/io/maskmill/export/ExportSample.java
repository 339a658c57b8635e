package io.maskmill.export;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.maskmill.imaging.LabelMask;
import io.maskmill.imaging.RgbImage;

/**
 * A finished sample, decoded and checked, ready to be written.
 *
 * @param quality    the optimize stage's quality score, NaN when the sample carries none
 * @param provenance everything that decided this image (the manifest line without file names)
 */
record ExportSample(String sampleId, String className, RgbImage image, LabelMask semantic,
        InstanceSplitter.Split instances, List<PastedObject> edits, double quality, ObjectNode provenance) {
}
