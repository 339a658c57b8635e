package io.maskmill.events;

import java.util.List;

/**
 * A job's dataset, published under {@code uri} (the version's folder; the job's
 * {@code dataset/CURRENT.json} names it).
 *
 * @param images   images written
 * @param problems inputs left out, one line each: {@code sample: file: reason}
 * @param report   the HTML report's URI, null when reports are off
 */
public record DatasetExported(String jobId, String uri, int images, List<String> problems, String report) {
    public DatasetExported {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
