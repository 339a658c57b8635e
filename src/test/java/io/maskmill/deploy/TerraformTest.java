package io.maskmill.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** terraform/*.tf through HashiCorp's HCL parser: syntax, references, IAM least privilege, bucket wiring. */
class TerraformTest {

    private static final Path TERRAFORM = Path.of("terraform");
    /** Roots a traversal may start with besides declared names: Terraform's own, and the dynamic block's iterator. */
    private static final Set<String> BUILT_IN_ROOTS = Set.of("each", "count", "self", "path", "terraform", "statement");
    private static final Set<String> BUCKET_PREFIXES = Set.of("models/", "jobs/", "prompts/", "thesaurus/");

    private static JsonNode files;
    private static final Set<String> variables = new TreeSet<>();
    private static final Set<String> locals = new TreeSet<>();
    private static final Set<String> resources = new TreeSet<>();
    private static final Set<String> dataSources = new TreeSet<>();
    private static final Set<String> modules = new TreeSet<>();

    @BeforeAll
    static void parse() throws IOException {
        List<Path> tf;
        try (Stream<Path> list = Files.list(TERRAFORM)) {
            tf = list.filter(p -> p.toString().endsWith(".tf")).sorted().toList();
        }
        assertThat(tf).as("Terraform files").isNotEmpty();
        files = Hcl.parse(tf);
        assertThat(files.size()).as("files parsed").isEqualTo(tf.size());
        for (JsonNode file : files) {
            file.path("variable").fieldNames().forEachRemaining(variables::add);
            file.path("locals").forEach(block -> block.fieldNames().forEachRemaining(locals::add));
            file.path("module").fieldNames().forEachRemaining(modules::add);
            typed(file.path("resource"), resources);
            typed(file.path("data"), dataSources);
        }
    }

    private static void typed(JsonNode blocks, Set<String> into) {
        blocks.fields().forEachRemaining(type -> type.getValue().fieldNames()
                .forEachRemaining(name -> into.add(type.getKey() + "." + name)));
    }

    /** Every block of the given kind and type across the files: name -> body. */
    private static Map<String, JsonNode> blocks(String kind, String type) {
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        for (JsonNode file : files) {
            file.path(kind).path(type).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().get(0)));
        }
        return out;
    }

    /** Calls {@code visit} with every string (values and object keys) and the path where it sits. */
    private static void strings(JsonNode node, String path, BiConsumer<String, String> visit) {
        if (node.isTextual()) {
            visit.accept(node.asText(), path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                strings(node.get(i), path + "[" + i + "]", visit);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                visit.accept(e.getKey(), path);
                strings(e.getValue(), path + "." + e.getKey(), visit);
            });
        }
    }

    @Test
    void theParserRejectsBrokenHcl(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.tf");
        Files.writeString(broken, "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \n}\n");
        assertThatThrownBy(() -> Hcl.parse(List.of(broken)))
                .isInstanceOf(Hcl.SyntaxError.class)
                .hasMessageContaining("broken.tf:2");
        Path unclosed = dir.resolve("unclosed.tf");
        Files.writeString(unclosed, "variable \"region\" {\n  default = \"eu-west-1\"\n");
        assertThatThrownBy(() -> Hcl.parse(List.of(unclosed))).isInstanceOf(Hcl.SyntaxError.class)
                .hasMessageContaining("unclosed.tf");
    }

    @Test
    void everyReferenceIsDeclared() {
        List<String> undeclared = new ArrayList<>();
        Set<String> usedVariables = new HashSet<>();
        for (var file : (Iterable<Map.Entry<String, JsonNode>>) files::fields) {
            strings(file.getValue(), file.getKey(), (text, where) -> {
                if (!text.contains("${")) {
                    return;
                }
                Set<String> bound = new HashSet<>(TerraformReferences.forVariables(text));
                for (var ref : TerraformReferences.in(text)) {
                    boolean declared = switch (ref.root()) {
                        case "var" -> usedVariables.add(ref.name()) | variables.contains(ref.name());
                        case "local" -> locals.contains(ref.name());
                        case "module" -> modules.contains(ref.name());
                        case "data" -> dataSources.contains(ref.name() + "." + ref.third());
                        default -> BUILT_IN_ROOTS.contains(ref.root()) || bound.contains(ref.root())
                                || resources.contains(ref.root() + "." + ref.name());
                    };
                    if (!declared || (ref.root().equals("var") && !variables.contains(ref.name()))) {
                        undeclared.add(ref + " at " + where);
                    }
                }
            });
        }
        assertThat(undeclared).as("references to nothing declared").isEmpty();
        assertThat(usedVariables).as("every variable is used").containsAll(variables);
    }

    @Test
    void theReferenceCheckSeesThroughStringsAndForExpressions() {
        assertThat(TerraformReferences.in("${[for p in var.prefixes : \"${aws_s3_bucket.data.arn}/${p}*\"]}"))
                .extracting(Object::toString).containsExactly("var.prefixes", "aws_s3_bucket.data.arn");
        assertThat(TerraformReferences.in("com.amazonaws.${var.region}.s3")).extracting(Object::toString)
                .containsExactly("var.region");
        assertThat(TerraformReferences.in("${data.aws_iam_policy_document.assume[each.key].json}"))
                .extracting(Object::toString).containsExactly("data.aws_iam_policy_document.assume", "each.key");
    }

    @Test
    void variablesHaveDescriptionsTypesAndDefaults() {
        for (JsonNode file : files) {
            file.path("variable").fields().forEachRemaining(v -> {
                JsonNode body = v.getValue().get(0);
                assertThat(body.path("description").asText()).as("description of var.%s", v.getKey()).isNotBlank();
                assertThat(body.has("type")).as("type of var.%s", v.getKey()).isTrue();
                assertThat(body.has("default")).as("default of var.%s", v.getKey()).isTrue();
            });
        }
    }

    @Test
    void policiesGrantNoWildcardActionsOrResources() {
        Map<String, JsonNode> documents = blocks("data", "aws_iam_policy_document");
        assertThat(documents).isNotEmpty();
        documents.forEach((name, doc) -> {
            List<JsonNode> statements = new ArrayList<>();
            doc.path("statement").forEach(statements::add);
            doc.path("dynamic").path("statement").forEach(d -> d.path("content").forEach(statements::add));
            assertThat(statements).as("statements of %s", name).isNotEmpty();
            for (JsonNode s : statements) {
                String where = name + " statement " + s.path("sid").asText("?");
                if (s.path("effect").asText("Allow").equals("Deny")) {
                    continue;
                }
                assertThat(s.path("actions").isArray()).as("actions of %s must be literal", where).isTrue();
                s.path("actions").forEach(a -> assertThat(a.asText()).as("action in %s", where).doesNotContain("*"));
                s.path("principals").forEach(p -> p.path("identifiers")
                        .forEach(i -> assertThat(i.asText()).as("principal in %s", where).isNotEqualTo("*")));
                List<String> granted = new ArrayList<>();
                JsonNode res = s.path("resources");
                if (res.isArray()) {
                    res.forEach(r -> granted.add(r.asText()));
                } else if (!res.isMissingNode()) {
                    granted.add(res.asText());
                }
                if (granted.equals(List.of("*")) && (onlyReads(s.path("actions")) || scopedByResourceTag(s))) {
                    continue; // Describe calls take no resource; writes on "*" must be narrowed by the resource's tag
                }
                for (String r : granted) {
                    assertThat(r).as("resource in %s", where).isNotEqualTo("*").doesNotContain("\"*\"")
                            .doesNotContain(":*").doesNotEndWith("/*").doesNotContain("arn}/*");
                }
            }
        });
        // every policy attached anywhere is one of the documents checked above
        for (JsonNode file : files) {
            file.path("resource").fields().forEachRemaining(type -> type.getValue().fields().forEachRemaining(r -> {
                JsonNode body = r.getValue().get(0);
                for (String attribute : List.of("policy", "assume_role_policy")) {
                    if (body.has(attribute) && type.getKey().matches("aws_(iam|s3|sqs).*")) {
                        assertThat(body.get(attribute).asText()).as("%s of %s.%s", attribute, type.getKey(), r.getKey())
                                .startsWith("${data.aws_iam_policy_document.");
                    }
                }
            }));
        }
        assertThat(resources).noneMatch(r -> r.startsWith("aws_iam_policy.") || r.startsWith("aws_iam_role_policy_attachment."));
    }

    /** Read-only calls that AWS does not scope by resource (service:Describe..., :Get...FromInstanceRequirements). */
    private static boolean onlyReads(JsonNode actions) {
        for (JsonNode a : actions) {
            if (!a.asText().matches("(autoscaling|ec2|eks):(Describe|Get)[A-Za-z]+")) {
                return false;
            }
        }
        return actions.size() > 0;
    }

    /** A statement whose condition limits it to resources carrying a tag (aws:ResourceTag/...). */
    private static boolean scopedByResourceTag(JsonNode statement) {
        for (JsonNode c : statement.path("condition")) {
            if (c.path("variable").asText().startsWith("aws:ResourceTag/") && c.path("test").asText().equals("StringEquals")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void rolesReadModelsWriteJobsAndOnlyIngestReadsPrompts() {
        JsonNode localsBlock = null;
        for (JsonNode file : files) {
            for (JsonNode block : file.path("locals")) {
                if (block.has("service_accounts")) {
                    localsBlock = block;
                }
            }
        }
        assertThat(localsBlock).as("locals.service_accounts").isNotNull();
        JsonNode stage = localsBlock.get("stage_access");
        assertThat(stage.get("s3_read").toString()).isEqualTo("[\"models/\"]");
        assertThat(stage.get("s3_read_write").toString()).isEqualTo("[\"jobs/\"]");
        Pattern prefix = Pattern.compile("\"([a-z-]+/)\"");
        localsBlock.get("service_accounts").fields().forEachRemaining(sa -> {
            String access = sa.getValue().asText();
            Matcher m = prefix.matcher(access);
            while (m.find()) {
                assertThat(m.group(1)).as("prefix granted to %s", sa.getKey()).isIn(BUCKET_PREFIXES);
                if (m.group(1).equals("prompts/")) {
                    assertThat(sa.getKey()).as("only ingest reads prompts/").isEqualTo("ingest");
                }
            }
            if (access.contains("aws_sqs_queue.prompt_uploads")) {
                assertThat(sa.getKey()).as("only ingest reads the upload queue").isEqualTo("ingest");
            }
        });
        // one role per ServiceAccount, and IRSA trusts exactly those names in the namespace the manifests use
        Set<String> serviceAccounts = new TreeSet<>();
        Manifests.read(Path.of("k8s", "base")).of(ServiceAccount.class)
                .forEach(sa -> serviceAccounts.add(sa.getMetadata().getName().substring("maskmill-".length())));
        Set<String> roles = new TreeSet<>();
        localsBlock.get("service_accounts").fieldNames().forEachRemaining(roles::add);
        assertThat(roles).isEqualTo(serviceAccounts);
        String namespace = null;
        for (JsonNode file : files) {
            namespace = file.at("/variable/kubernetes_namespace/0/default").asText(namespace);
        }
        assertThat(namespace).as("default of var.kubernetes_namespace").isEqualTo("maskmill");
    }

    @Test
    void bucketIsPrivateVersionedEncryptedAndNotifiesTheQueueOfPromptUploads() {
        JsonNode access = blocks("resource", "aws_s3_bucket_public_access_block").get("data");
        for (String flag : List.of("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")) {
            assertThat(access.path(flag).asBoolean()).as(flag).isTrue();
        }
        assertThat(blocks("resource", "aws_s3_bucket_versioning").get("data")
                .at("/versioning_configuration/0/status").asText()).isEqualTo("Enabled");
        assertThat(blocks("resource", "aws_s3_bucket_server_side_encryption_configuration").get("data")
                .at("/rule/0/apply_server_side_encryption_by_default/0/sse_algorithm").asText()).isNotBlank();
        JsonNode queue = blocks("resource", "aws_s3_bucket_notification").get("prompts").at("/queue/0");
        assertThat(queue.path("filter_prefix").asText()).isEqualTo("prompts/");
        assertThat(queue.path("events").get(0).asText()).isEqualTo("s3:ObjectCreated:*");
        assertThat(queue.path("queue_arn").asText()).isEqualTo("${aws_sqs_queue.prompt_uploads.arn}");
        assertThat(blocks("resource", "aws_sqs_queue_policy").get("prompt_uploads").path("queue_url").asText())
                .isEqualTo("${aws_sqs_queue.prompt_uploads.id}");
    }
}
