package dev.ersatz.cli.augment;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ersatz augment}: grows a small training set with label-preserving edits of its records. */
@Command(name = "augment", mixinStandardHelpOptions = true,
        description = "Augment a training set: edited copies of each record (text or images) that keep its labels.",
        subcommands = {AugmentTextCommand.class, AugmentImagesCommand.class})
public final class AugmentCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
