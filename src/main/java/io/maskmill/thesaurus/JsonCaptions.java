package io.maskmill.thesaurus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/** COCO captions JSON and JSON Lines, read with Jackson's streaming parser (no tree, no whole file). */
final class JsonCaptions {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonCaptions() {
    }

    /** The {@code caption} string of every object in the top-level {@code annotations} array. */
    static void readCoco(InputStream in, CaptionFeed feed) throws IOException {
        feed.at("annotation", 0);
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                feed.fileProblem(null, "not a COCO captions file: the top level is not a JSON object", null);
                return;
            }
            boolean sawAnnotations = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (!"annotations".equals(name) || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                sawAnnotations = true;
                long n = 0;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    feed.at("annotation", ++n);
                    String caption = stringField(p, "caption");
                    if (caption == null) {
                        feed.bad("annotation has no string 'caption'");
                    } else {
                        feed.caption(caption);
                    }
                }
            }
            if (!sawAnnotations) {
                feed.fileProblem(null, "not a COCO captions file: no top-level 'annotations' array", null);
            }
        } catch (JsonProcessingException e) {
            feed.fileProblem(feed.position() + " (" + where(e.getLocation()) + ")", "invalid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** One JSON object per line, caption in {@link BuildOptions#jsonField()}; blank lines are ignored. */
    static void readJsonLines(InputStream in, CaptionFeed feed) throws IOException {
        String field = feed.options().jsonField();
        new LineReader(feed.options().maxCaptionBytes()).read(in, new LineReader.Handler() {
            @Override
            public void line(byte[] buf, int off, int len, long lineNumber) {
                feed.at("line", lineNumber);
                if (isBlank(buf, off, len)) {
                    return;
                }
                try (JsonParser p = JSON.createParser(buf, off, len)) {
                    if (p.nextToken() != JsonToken.START_OBJECT) {
                        feed.bad("not a JSON object");
                        return;
                    }
                    String caption = stringField(p, field);
                    if (caption == null) {
                        feed.bad("no string field '" + field + "'");
                    } else {
                        feed.caption(caption);
                    }
                } catch (JsonProcessingException e) {
                    feed.bad("invalid JSON (" + where(e.getLocation()) + "): " + e.getOriginalMessage());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void tooLong(long lineNumber, int limit) {
                feed.at("line", lineNumber);
                feed.bad("line is longer than the limit of " + limit + " bytes");
            }
        });
    }

    /** Reads the rest of the current object; returns the named field if it is a string. */
    private static String stringField(JsonParser p, String field) throws IOException {
        String found = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals(name) && value == JsonToken.VALUE_STRING) {
                found = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return found;
    }

    private static boolean isBlank(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (buf[i] != ' ' && buf[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String where(JsonLocation location) {
        return location == null ? "unknown position"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
