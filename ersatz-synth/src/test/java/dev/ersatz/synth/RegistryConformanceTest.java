package dev.ersatz.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the synthesizer contract over every synthesizer in the registry, with its default options.
 *
 * <p>One exception: {@code mst} is differentially private by default (ε = 1), and on the contract's
 * 344-row fixture its noise moves rates by several percentage points by design, beyond the
 * contract's tolerances, which assume sampling noise only. It runs the contract at ε = 10⁶, the same
 * code path (every mechanism, the ledger, domain compression, Private-PGM) with noise below sampling
 * noise; its ε = 1 behaviour (determinism, round trip, conditions, accuracy on adult, the ledger) is
 * tested in {@code MstTest}.
 */
class RegistryConformanceTest extends SynthesizerContract {
    static final Map<String, Map<String, String>> CONTRACT_OPTIONS = Map.of("mst", Map.of("epsilon", "1e6"));

    @Override
    protected List<Synthesizer> synthesizers() {
        List<Synthesizer> out = new ArrayList<>();
        for (String name : Registry.names()) out.add(Registry.get(name).create(CONTRACT_OPTIONS.getOrDefault(name, Map.of())));
        return out;
    }
}
