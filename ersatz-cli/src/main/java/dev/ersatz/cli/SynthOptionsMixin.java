package dev.ersatz.cli;

import picocli.CommandLine.Mixin;

/** Mixes the fitting options into a command. */
final class SynthOptionsMixin {
    @Mixin SynthOptions options = new SynthOptions();
}
