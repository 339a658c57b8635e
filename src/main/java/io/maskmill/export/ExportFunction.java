package io.maskmill.export;

import jakarta.enterprise.context.ApplicationScoped;

import io.maskmill.events.ExportRequested;
import io.maskmill.events.DatasetExported;
import io.maskmill.events.MaskmillFunction;
import io.maskmill.events.StageNotBuiltException;
import io.quarkus.funqy.Funq;

/** The export function. Its service lands with issue #8; until then it refuses plainly (HTTP 501). */
@ApplicationScoped
public class ExportFunction implements MaskmillFunction {

    @Funq("export")
    public DatasetExported export(ExportRequested input) {
        throw new StageNotBuiltException("export", "issue #8");
    }
}
