package io.maskmill.store;

import java.net.URI;
import java.net.URISyntaxException;

import io.maskmill.events.InvalidInputException;

/** Building and splitting {@code s3://bucket/key} URIs, keys percent-encoded where URI syntax needs it. */
public final class S3Uris {
    private S3Uris() {
    }

    static String encodePath(String key) {
        try {
            return new URI(null, null, "/" + key, null).getRawPath().substring(1);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("artifact key '" + key + "' cannot be written as a URI: " + e.getMessage());
        }
    }

    /** Parses an artifact reference from outside; a bare key is taken as relative to the store. */
    public static URI parse(String reference) {
        try {
            return new URI(reference);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("'" + reference + "' is not a valid artifact URI: " + e.getMessage());
        }
    }
}
