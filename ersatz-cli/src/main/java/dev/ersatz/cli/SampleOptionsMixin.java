package dev.ersatz.cli;

import picocli.CommandLine.Mixin;

/** Mixes the sampling options into a command. */
final class SampleOptionsMixin {
    @Mixin SampleOptions options = new SampleOptions();
}
