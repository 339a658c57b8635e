package io.maskmill.sample.tokenizer;

import java.util.Arrays;
import java.util.regex.Matcher;

/** Pre-tokens of a cleaned prompt with their character ranges and BPE token counts, for locating phrases. */
final class WordTokens {
    private final int[] starts;
    private final int[] ends;
    /** tokensBefore[w] = BPE tokens of words 0..w-1; one extra entry holds the total. */
    private final int[] tokensBefore;

    private WordTokens(int[] starts, int[] ends, int[] tokensBefore) {
        this.starts = starts;
        this.ends = ends;
        this.tokensBefore = tokensBefore;
    }

    static WordTokens of(String cleanText, ClipTokenizer tokenizer) {
        int[] starts = new int[8];
        int[] ends = new int[8];
        int[] before = new int[9];
        int count = 0;
        Matcher m = ClipText.WORDS.matcher(cleanText);
        while (m.find()) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
                before = Arrays.copyOf(before, count * 2 + 1);
            }
            starts[count] = m.start();
            ends[count] = m.end();
            before[count + 1] = before[count] + tokenizer.encodeWord(m.group()).length;
            count++;
        }
        return new WordTokens(Arrays.copyOf(starts, count), Arrays.copyOf(ends, count), Arrays.copyOf(before, count + 1));
    }

    /** Index of the word starting exactly at {@code charIndex}, or -1. */
    int wordStartingAt(int charIndex) {
        int w = Arrays.binarySearch(starts, charIndex);
        return w >= 0 ? w : -1;
    }

    /** Index of the word ending exactly at {@code charIndex} (exclusive end), or -1. */
    int wordEndingAt(int charIndex) {
        int w = Arrays.binarySearch(ends, charIndex);
        return w >= 0 ? w : -1;
    }

    int tokensBefore(int word) {
        return tokensBefore[word];
    }
}
