package io.maskmill.sample.tokenizer;

/**
 * Token positions {@code [start, end)} of a phrase inside the padded token sequence, where index 0
 * is the start-of-text token; these are the columns of the UNet's cross-attention maps.
 */
public record TokenSpan(int start, int end) {
    public TokenSpan {
        if (start < 1 || end <= start) {
            throw new IllegalArgumentException("token span needs 1 <= start < end, got [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }

    public boolean contains(int tokenIndex) {
        return tokenIndex >= start && tokenIndex < end;
    }
}
