package io.maskmill.deploy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The traversals (var.x, local.y, aws_s3_bucket.data.arn, ...) in a Terraform string as hcl2json
 * renders it: only the code inside ${...} interpolations counts, never the text of string literals.
 */
final class TerraformReferences {

    /** A traversal of at least two names: root.name (and the next name, for resource and data types). */
    record Reference(String root, String name, String third) {
        @Override
        public String toString() {
            return root + "." + name + (third == null ? "" : "." + third);
        }
    }

    private static final Pattern TRAVERSAL =
            Pattern.compile("(?<![\\w.\\]])([A-Za-z_][\\w-]*)\\.([A-Za-z_][\\w-]*)(?:\\.([A-Za-z_][\\w-]*))?");
    private static final Pattern FOR_VARIABLES = Pattern.compile("\\bfor\\s+(\\w+)(?:\\s*,\\s*(\\w+))?\\s+in\\b");

    private TerraformReferences() {}

    /** The expression code of {@code template}, string literals blanked out. */
    static String code(String template) {
        StringBuilder code = new StringBuilder();
        // modes: 'T' template text (top level or a quoted string), 'C' code; braces counted per code level
        Deque<int[]> stack = new ArrayDeque<>();
        stack.push(new int[] {'T', 0, 0}); // {mode, brace depth, quoted}
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            int[] top = stack.peek();
            if (top[0] == 'T') {
                if (c == '\\' && top[2] == 1) {
                    i++;
                } else if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                    stack.push(new int[] {'C', 0, 0});
                    code.append(' ');
                    i++;
                } else if (c == '"' && top[2] == 1) {
                    stack.pop();
                    code.append(' ');
                }
            } else if (c == '"') {
                stack.push(new int[] {'T', 0, 1});
                code.append(' ');
            } else if (c == '{') {
                top[1]++;
                code.append(c);
            } else if (c == '}') {
                if (top[1] == 0) {
                    stack.pop();
                    code.append(' ');
                } else {
                    top[1]--;
                    code.append(c);
                }
            } else {
                code.append(c);
            }
        }
        return code.toString();
    }

    static List<Reference> in(String template) {
        List<Reference> refs = new ArrayList<>();
        Matcher m = TRAVERSAL.matcher(code(template));
        while (m.find()) {
            refs.add(new Reference(m.group(1), m.group(2), m.group(3)));
        }
        return refs;
    }

    /** Names a for expression in {@code template} binds (for k, v in ...). */
    static List<String> forVariables(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = FOR_VARIABLES.matcher(code(template));
        while (m.find()) {
            names.add(m.group(1));
            if (m.group(2) != null) {
                names.add(m.group(2));
            }
        }
        return names;
    }
}
