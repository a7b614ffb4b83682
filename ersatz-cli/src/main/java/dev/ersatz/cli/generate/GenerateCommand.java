package dev.ersatz.cli.generate;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ersatz generate}: makes labelled data from a description, with no real records needed. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate labelled data: text from a grammar, images from a class-conditional generator.",
        subcommands = {GenerateTextCommand.class, GenerateImagesCommand.class})
public final class GenerateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
