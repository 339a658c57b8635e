package io.maskmill.sample.tokenizer;

import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.text.StringEscapeUtils;

/**
 * CLIP's text normalisation and pre-tokenizer (the regex that cuts text into words before BPE).
 * ftfy's mojibake repair is not applied (as in the reference ids this project is tested against).
 */
final class ClipText {
    static final String START_OF_TEXT = "<|startoftext|>";
    static final String END_OF_TEXT = "<|endoftext|>";

    /** CLIP's pattern: special tokens, English contractions, letter runs, single digits, other non-space runs. */
    static final Pattern WORDS = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private ClipText() {
    }

    /** html-unescape twice, collapse whitespace runs to one space, trim, lowercase. */
    static String clean(String text) {
        String unescaped = StringEscapeUtils.unescapeHtml4(StringEscapeUtils.unescapeHtml4(text));
        return collapseWhitespace(unescaped).toLowerCase(Locale.ROOT);
    }

    static String collapseWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isPythonWhitespace(cp)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** The characters Python's str.isspace() accepts (CLIP cleans with Python's Unicode \s). */
    static boolean isPythonWhitespace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }
}
