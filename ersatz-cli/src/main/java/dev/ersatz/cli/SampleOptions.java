package dev.ersatz.cli;

import dev.ersatz.core.transform.Condition;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Options of commands that sample: conditions and threads. */
final class SampleOptions {
    @Option(names = "--where", paramLabel = "CONDITION",
            description = "Only rows meeting this condition: col=value, col!=value, col>v, col>=v, col<v, col<=v, 'col in [lo,hi]', 'col in {a,b}', 'col not in {a,b}' (repeatable; all must hold, also on one column).")
    List<String> where = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Sampling threads (default: all cores). The output does not depend on it.")
    Integer threads;

    List<Condition> conditions() {
        List<Condition> out = new ArrayList<>();
        for (String w : where) out.add(Condition.parse(w));
        return out;
    }

    int threads() {
        if (threads == null) return Runtime.getRuntime().availableProcessors();
        if (threads < 1) throw new dev.ersatz.core.InputException("--threads", -1, null, threads.toString(), "must be at least 1");
        return threads;
    }
}
