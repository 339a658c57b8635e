package io.maskmill.export;

/**
 * One input the export could not use, and why: the sample left out, the file (store key) at fault.
 * Reported in the dataset's report and in the {@code maskmill.dataset.exported} event.
 */
public record ExportProblem(String sampleId, String file, String reason) {
    @Override
    public String toString() {
        return sampleId + ": " + file + ": " + reason;
    }
}
