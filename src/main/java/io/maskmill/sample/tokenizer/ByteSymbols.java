package io.maskmill.sample.tokenizer;

/**
 * GPT-2/CLIP byte-level alphabet: every byte 0..255 is given a printable Unicode character so
 * that BPE never sees whitespace or control characters. Printable Latin-1 bytes map to
 * themselves; the other 68 bytes map to U+0100 onwards in byte order.
 */
final class ByteSymbols {
    /** Bytes in vocabulary order: printable ranges first, then the remaining bytes ascending. */
    static final int[] BYTES_IN_VOCAB_ORDER = new int[256];
    /** Character standing for each byte value. */
    static final char[] CHAR_OF_BYTE = new char[256];

    static {
        int n = 0;
        boolean[] printable = new boolean[256];
        for (int b = 0; b < 256; b++) {
            printable[b] = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            if (printable[b]) {
                BYTES_IN_VOCAB_ORDER[n++] = b;
                CHAR_OF_BYTE[b] = (char) b;
            }
        }
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            if (!printable[b]) {
                BYTES_IN_VOCAB_ORDER[n++] = b;
                CHAR_OF_BYTE[b] = (char) (256 + extra++);
            }
        }
    }

    private ByteSymbols() {
    }
}
