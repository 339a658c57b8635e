package io.maskmill.embedded;

import io.maskmill.export.AugmentCommand;
import io.maskmill.export.ExportCommand;
import io.maskmill.ops.SignalShutdown;
import io.maskmill.sample.model.TinyModelsCommand;
import io.maskmill.sample.prepare.PrepareCommand;
import io.maskmill.thesaurus.ThesaurusBuildCommand;
import io.maskmill.thesaurus.ThesaurusQualityCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * One jar, two ways to run: with no arguments it serves the functions and the jobs API (what each
 * Knative Service runs); with a command ({@code generate}, {@code augment}, {@code export}, {@code prepare},
 * {@code tiny-models}, {@code thesaurus-build}, {@code thesaurus-quality})
 * it runs that command in this JVM and exits.
 */
@QuarkusMain
public class MaskmillMain implements QuarkusApplication {

    @Command(name = "maskmill", mixinStandardHelpOptions = true,
        versionProvider = io.maskmill.embedded.MaskmillVersion.class,
            description = "Synthetic segmentation datasets from diffusion models.")
    static final class Root {
    }

    private final GenerateCommand generate;
    private final ExportCommand export;
    private final AugmentCommand augment;

    public MaskmillMain(GenerateCommand generate, ExportCommand export, AugmentCommand augment) {
        this.generate = generate;
        this.export = export;
        this.augment = augment;
    }

    public static void main(String... args) {
        if (args.length > 0) {
            CommandMode.configure(args);
        } else {
            SignalShutdown.install(); // a service drains its requests; a command stops at Ctrl-C as commands do
        }
        Quarkus.run(MaskmillMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        CommandLine cli = new CommandLine(new Root());
        cli.addSubcommand(generate);
        cli.addSubcommand(export);
        cli.addSubcommand(augment);
        cli.addSubcommand(ThesaurusBuildCommand.commandLine());
        cli.addSubcommand(new CommandLine(new ThesaurusQualityCommand()));
        cli.addSubcommand(new CommandLine(new PrepareCommand()));
        cli.addSubcommand(new CommandLine(new TinyModelsCommand()));
        return cli.execute(args);
    }
}
