package io.maskmill.export;

import jakarta.enterprise.context.ApplicationScoped;

import io.maskmill.events.DatasetExported;
import io.maskmill.events.ExportRequested;
import io.maskmill.events.InvalidInputException;
import io.maskmill.events.MaskmillFunction;
import io.maskmill.store.NoSuchArtifactException;
import io.quarkus.funqy.Funq;

/** {@code maskmill.export.requested} → the job's dataset written and published → {@code maskmill.dataset.exported}. */
@ApplicationScoped
public class ExportFunction implements MaskmillFunction {
    private final ExportService exports;

    public ExportFunction(ExportService exports) {
        this.exports = exports;
    }

    @Funq("export")
    public DatasetExported export(ExportRequested input) {
        if (input == null) {
            throw new InvalidInputException("the export request is empty");
        }
        try {
            return exports.export(input.jobId(), input.formats()).event();
        } catch (NoSuchArtifactException e) {
            // asking for a job that does not exist can never succeed: no retry
            throw new InvalidInputException(e.getMessage(), e);
        }
    }
}
