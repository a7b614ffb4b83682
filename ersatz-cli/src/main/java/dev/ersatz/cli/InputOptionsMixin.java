package dev.ersatz.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;

/** Mixes the input options into a command. */
final class InputOptionsMixin {
    @Mixin InputOptions options = new InputOptions();
}
