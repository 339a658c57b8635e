package io.maskmill.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole jobs, as a user runs them: {@code java -jar target/quarkus-app/quarkus-run.jar generate} on
 * the tiny models, in a child process. Per job: wall time, CPU time (user + sys of the child, from
 * bash's {@code times}), cores used (CPU / wall), samples/s and peak resident memory (the child's
 * VmHWM, sampled every 100 ms). In one run: a 4-sample job (the fixed cost: JVM, Quarkus, models,
 * export), 100 samples at 1 worker and at the default (one per core), then larger jobs at the default.
 * Per-sample costs are given raw and with the 4-sample job's fixed cost taken off.
 *
 * <pre>./mvnw -B package -DskipTests
 * ./mvnw -q test-compile exec:java -Dexec.mainClass=io.maskmill.bench.WholeJobBenchmark -Dexec.args="100,1000"</pre>
 */
public final class WholeJobBenchmark {
    private static final Pattern SUMMARY = Pattern
            .compile("(\\d+) samples planned, (\\d+) completed, (\\d+) rejected, (\\d+) failed");

    record Run(String name, int samples, String workers, double wall, double cpu, long peakKb, String summary) {
        double cores() {
            return cpu / wall;
        }
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw -B package -DskipTests first");
        }
        List<Integer> sizes = new ArrayList<>();
        for (String s : (args.length > 0 ? args[0] : "100,1000").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> classes = List.of("aeroplane", "dog", "car", "person"); // examples/prompts.txt
        System.out.printf("%d cores; %s%n", cores, PngBenchmark.loadAverage());
        List<Run> runs = new ArrayList<>();
        Run fixed = job(jar, "fixed cost", classes.size(), 1, "default");
        runs.add(fixed);
        int first = sizes.get(0);
        runs.add(job(jar, "1 worker", first, first / classes.size(), "1"));
        runs.add(job(jar, "default workers", first, first / classes.size(), "default"));
        for (int n : sizes.subList(1, sizes.size())) {
            runs.add(job(jar, "default workers", n, n / classes.size(), "default"));
        }
        System.out.println();
        System.out.println("| job | samples | workers | wall s | CPU s | cores used | samples/s | wall ms/sample | CPU ms/sample "
                + "| wall ms/sample less fixed | CPU ms/sample less fixed | peak RSS MB | outcome |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Run r : runs) {
            boolean isFixed = r == fixed;
            System.out.printf("| %s | %d | %s | %.1f | %.1f | %.2f | %.2f | %.0f | %.0f | %s | %s | %d | %s |%n", r.name(),
                    r.samples(), r.workers(), r.wall(), r.cpu(), r.cores(), r.samples() / r.wall(),
                    1000 * r.wall() / r.samples(), 1000 * r.cpu() / r.samples(),
                    isFixed ? "" : String.format("%.0f", 1000 * (r.wall() - fixed.wall()) / (r.samples() - fixed.samples())),
                    isFixed ? "" : String.format("%.0f", 1000 * (r.cpu() - fixed.cpu()) / (r.samples() - fixed.samples())),
                    r.peakKb() / 1024, r.summary());
        }
        Run one = runs.get(1), all = runs.get(2);
        System.out.printf("%nCores used: %.2f at 1 worker, %.2f at %d workers; samples/s %.2f → %.2f (%.2f×)%n",
                one.cores(), all.cores(), cores, one.samples() / one.wall(), all.samples() / all.wall(),
                (all.samples() / all.wall()) / (one.samples() / one.wall()));
        for (int i = 3; i < runs.size(); i++) {
            Run big = runs.get(i);
            System.out.printf("%d vs %d samples, per sample less fixed cost: wall %.2f×, CPU %.2f×; raw: wall %.2f×, CPU %.2f×%n",
                    big.samples(), all.samples(), marginal(big.wall(), fixed.wall(), big, fixed) / marginal(all.wall(), fixed.wall(), all, fixed),
                    marginal(big.cpu(), fixed.cpu(), big, fixed) / marginal(all.cpu(), fixed.cpu(), all, fixed),
                    (big.wall() / big.samples()) / (all.wall() / all.samples()), (big.cpu() / big.samples()) / (all.cpu() / all.samples()));
        }
        System.out.println(PngBenchmark.loadAverage());
    }

    private static double marginal(double total, double fixedTotal, Run r, Run fixed) {
        return (total - fixedTotal) / (r.samples() - fixed.samples());
    }

    private static Run job(Path jar, String name, int samples, int perClass, String workers) throws Exception {
        Path out = Path.of("target/bench-wholejob").toAbsolutePath();
        delete(out);
        Files.createDirectories(out);
        Path log = out.resolve("generate.log");
        String command = String.join(" ", "java", "-jar", jar.toAbsolutePath().toString(), "generate", "--prompts",
                Path.of("examples/prompts.txt").toAbsolutePath().toString(), "--out", out.resolve("store").toString(),
                "--images-per-class", Integer.toString(perClass), "--job-id", "bench", "--seed", "1",
                workers.equals("default") ? "" : "--workers " + workers);
        // bash's `times` gives the child's user and sys time after it ends, exactly
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command + " > " + log + " 2>&1; rc=$?; times; exit $rc");
        pb.environment().put("ORT_DISABLE_TELEMETRY", "1");
        long start = System.nanoTime();
        Process p = pb.start();
        long peak = 0;
        while (p.isAlive()) {
            for (ProcessHandle h : p.descendants().toList()) {
                peak = Math.max(peak, hwmKb(h.pid()));
            }
            Thread.sleep(100);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        String times = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String[] lines = times.split("\n");
        String[] children = lines[lines.length - 1].trim().split("\\s+");
        double cpu = seconds(children[0]) + seconds(children[1]);
        String said = Files.readString(log);
        Matcher m = SUMMARY.matcher(said);
        String summary = m.find() ? m.group(2) + " completed, " + m.group(3) + " rejected, " + m.group(4) + " failed"
                : "exit " + p.exitValue() + ": " + said.substring(Math.max(0, said.length() - 300));
        Run r = new Run(name, samples, workers.equals("default") ? "default (" + Runtime.getRuntime().availableProcessors() + ")" : workers,
                wall, cpu, peak, summary);
        System.out.printf("%s, %d samples, workers %s: wall %.1f s, CPU %.1f s, peak %d MB, %s; %s%n", name, samples,
                r.workers(), wall, cpu, peak / 1024, summary, PngBenchmark.loadAverage());
        delete(out);
        return r;
    }

    /** bash's times format: 1m2.345s. */
    private static double seconds(String t) {
        Matcher m = Pattern.compile("(\\d+)m([\\d.]+)s").matcher(t);
        if (!m.matches()) {
            throw new IllegalStateException("unexpected `times` output: " + t);
        }
        return Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2));
    }

    private static long hwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone between listing and reading
        }
        return 0;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
