package io.maskmill.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.maskmill.events.InvalidInputException;
import io.maskmill.events.Prompt;

class PromptListParserTest {
    private final PromptListParser parser = new PromptListParser(TestLimits.defaults(), new ObjectMapper());

    private List<Prompt> parse(String text, String where, String... classes) {
        return parser.parse(text.getBytes(StandardCharsets.UTF_8), where, List.of(classes));
    }

    private String error(String text, String where, String... classes) {
        return assertThrows(InvalidInputException.class, () -> parse(text, where, classes)).getMessage();
    }

    @Test
    void plainTextWithClassesCommentsAndBlankLines() {
        List<Prompt> prompts = parse("""
                # aeroplanes first
                aeroplane: an aeroplane over the sea

                TV  Monitor: a tv monitor on a desk
                """, "list.txt");
        assertEquals(List.of(new Prompt("aeroplane", "an aeroplane over the sea"),
                new Prompt("tv monitor", "a tv monitor on a desk")), prompts);
    }

    @Test
    void aPromptWithoutAClassTakesTheOneJobClassItNames() {
        assertEquals(List.of(new Prompt("dog", "two dogs on a beach")), parse("two dogs on a beach", "l.txt", "cat", "dog"));
        assertTrue(error("a cat and a dog", "l.txt", "cat", "dog").contains("line 1: no class given and several"));
        assertTrue(error("a horse", "l.txt", "cat", "dog").contains("none of the job's classes"));
        assertTrue(error("a horse", "l.txt").contains("line 1: no class given"));
    }

    @Test
    void jsonArrayOfStringsAndObjects() {
        List<Prompt> prompts = parse("[\"a cat on a sofa\", {\"class\": \"dog\", \"prompt\": \"a dog\"}]", "p.json",
                "cat", "dog");
        assertEquals(List.of(new Prompt("cat", "a cat on a sofa"), new Prompt("dog", "a dog")), prompts);
    }

    @Test
    void jsonLinesDetectedFromContent() {
        List<Prompt> prompts = parse("{\"class\":\"cat\",\"prompt\":\"a cat\"}\n\n\"a dog\"\n", "upload", "cat", "dog");
        assertEquals(2, prompts.size());
    }

    @Test
    void errorsNameTheLineAndTheProblem() {
        assertTrue(error("{\"class\":\"cat\",\"prompt\":\"a cat\"}\n{\"class\": 3, \"prompt\": \"x\"}\n{bad", "p.jsonl")
                .contains("line 2: \"class\" must be a string; line 3, column"));
        assertTrue(error("[1, {\"class\": \"cat\"}]", "p.json").contains("p.json[0]: expected a string or an object"));
        assertTrue(error("[\"a cat\",", "p.json").startsWith("p.json: invalid JSON at line 1"));
        assertTrue(error("cat: a cat\ncat:   \n", "l.txt").contains("line 2: the prompt is empty"));
        assertTrue(error("dog: a dog", "l.txt", "cat").contains("line 1: class 'dog' is not one of the job's classes"));
    }

    @Test
    void limitsAreEnforcedWithTheirConfigurationKey() {
        assertTrue(error("cat: " + "x".repeat(300), "l.txt").contains("line 1: 305 characters; the limit is 200"));
        assertTrue(error("cat: a cat\n".repeat(21), "l.txt").contains("21 prompts; the limit is 20"));
        String big = error("cat: a cat\n".repeat(400), "l.txt");
        assertTrue(big.contains("bytes; the limit is 4096 (maskmill.ingest.max-bytes)"), big);
    }

    @Test
    void invalidUtf8IsLocatedByByteAndLine() {
        byte[] bytes = "cat: a cat\ncat: a \u00e9 cat\n".getBytes(StandardCharsets.UTF_8);
        bytes[18] = (byte) 0xff;
        var e = assertThrows(InvalidInputException.class, () -> parser.parse(bytes, "l.txt", List.of()));
        assertEquals("l.txt: not valid UTF-8 at byte 18 (line 2)", e.getMessage());
    }

    @Test
    void emptyListsAreRefused() {
        assertTrue(error("# only a comment\n\n", "l.txt").contains("has no prompts"));
        assertTrue(error("[]", "l.json").contains("has no prompts"));
    }
}
