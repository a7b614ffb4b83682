package dev.ersatz.cli;

import dev.ersatz.core.Metadata;
import dev.ersatz.core.io.ReadResult;
import dev.ersatz.core.model.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ersatz metadata}: detects column kinds and formats and writes them as editable JSON. */
@Command(name = "metadata", mixinStandardHelpOptions = true,
        description = {"Detect each column's kind (numeric, integer, categorical, boolean, datetime, id, pii, text) and format,",
                "and write them as JSON you can edit and pass back with --metadata."})
final class MetadataCommand implements Callable<Integer> {
    @Mixin InputOptionsMixin in;

    @Option(names = "--out", paramLabel = "JSON", description = "Where to write the metadata (default: standard output).")
    Path out;

    @Option(names = "--metadata", paramLabel = "JSON", description = "Existing metadata to lay over the detected one.")
    Path base;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        ReadResult data = in.options.read();
        SynthOptions so = new SynthOptions();
        so.metadata = base;
        Metadata meta = so.metadataFor(data);
        String json = meta.toJson();
        if (out == null) {
            spec.commandLine().getOut().print(json);
            spec.commandLine().getOut().flush();
        } else {
            AtomicFiles.write(out, json.getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }
}
