package io.maskmill.ingest;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * With the SQS route off (the default), SmallRye warns at every start that {@link SqsUploads} has
 * no upstream. That is the configuration working as meant, not a fault, so this one warning is
 * dropped; a warning that names any other channel still shows.
 */
@LoggingFilter(name = "maskmill-disabled-sqs-route")
public final class DisabledSqsRouteLogFilter implements Filter {
    @Override
    public boolean isLoggable(LogRecord record) {
        String text = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (text == null || !text.startsWith("SRMSG00207")) {
            return true;
        }
        return text.lines().filter(l -> l.trim().startsWith("- "))
                .anyMatch(l -> !l.contains("incoming:'" + SqsUploads.CHANNEL + "'"));
    }
}
