package io.maskmill.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The bearer tokens this instance accepts. A presented token is compared with every configured one
 * in constant time: both are hashed to SHA-256 first (so neither length nor a common prefix shows in
 * the timing) and compared with {@link MessageDigest#isEqual}, without stopping at the first match.
 */
@ApplicationScoped
public class ApiTokens {
    private static final String BEARER = "Bearer ";

    private final List<byte[]> digests;

    public ApiTokens(ApiConfig config) {
        this.digests = config.tokens().orElse(List.of()).stream().map(String::strip).filter(t -> !t.isEmpty())
                .map(ApiTokens::sha256).toList();
    }

    /** True when tokens are configured, so requests must carry one. */
    public boolean required() {
        return !digests.isEmpty();
    }

    /** Whether an {@code Authorization} header value carries one of the tokens. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = sha256(authorization.substring(BEARER.length()).strip());
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, presented);
        }
        return match;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
