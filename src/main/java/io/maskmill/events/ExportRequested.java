package io.maskmill.events;

import java.util.List;

/** Ask for a job's dataset to be written (formats: voc, coco). */
public record ExportRequested(String jobId, List<String> formats) {
    public ExportRequested {
        Ids.requireJobId(jobId);
        formats = formats == null || formats.isEmpty() ? List.of("voc", "coco") : List.copyOf(formats);
    }
}
