package io.maskmill.sample.tokenizer;

import java.util.regex.Matcher;

/**
 * A lower bound on a text's CLIP token count that needs no vocabulary: its pre-tokens (CLIP's
 * cleaning, then the pre-tokenizer regex), each of which BPE turns into one token or more. Lets
 * ingest refuse a prompt whose class words certainly fall outside the text encoder's window.
 */
public final class ClipWords {
    /** Text tokens CLIP's 77-token context keeps between its start and end tokens. */
    public static final int TEXT_TOKENS = 75;

    private ClipWords() {
    }

    public static int count(String text) {
        Matcher m = ClipText.WORDS.matcher(ClipText.clean(text));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
