package io.maskmill.handoff;

import java.io.IOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.maskmill.events.InvalidInputException;

/** The one JSON mapper the hand-off files are written and read with: key-ordered, so the same record is the same bytes. */
final class HandoffJson {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private HandoffJson() {
    }

    static byte[] write(Object record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + record.getClass().getSimpleName(), e);
        }
    }

    static byte[] writePretty(Object record) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + record.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(byte[] bytes, Class<T> type, String file) {
        try {
            T value = JSON.readValue(bytes, type);
            if (value == null) {
                throw new InvalidInputException(file + " is empty");
            }
            return value;
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidInputException invalid) {
                throw new InvalidInputException(file + ": " + invalid.getMessage(), e);
            }
            String detail = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            throw new InvalidInputException(file + ": not valid JSON (" + detail + ")", e);
        }
    }
}
