package dev.ersatz.neural;

import dev.ersatz.synth.Registry;
import dev.ersatz.synth.Synthesizer;
import dev.ersatz.synth.SynthesizerContract;

import java.util.List;
import java.util.Map;

/**
 * The synthesizer contract over ctgan, tvae and ddpm, reached through the registry (so the
 * ServiceLoader entries are tested too), with small training budgets: enough steps to learn the
 * 344 penguins, and on adult enough epochs to clear the contract's fidelity floor.
 */
class NeuralConformanceTest extends SynthesizerContract {
    @Override
    protected List<Synthesizer> synthesizers() {
        return List.of(
                Registry.get("ctgan").create(Map.of("epochs", "150", "batchSize", "50")),
                Registry.get("tvae").create(Map.of("epochs", "100", "batchSize", "100")),
                Registry.get("ddpm").create(Map.of("epochs", "100", "batchSize", "64", "timesteps", "50", "layers", "128,128")));
    }

    @Override
    protected Synthesizer forAdult(Synthesizer s) {
        return switch (s.name()) {
            case "ctgan" -> Registry.get("ctgan").create(Map.of("epochs", "20"));
            case "tvae" -> Registry.get("tvae").create(Map.of("epochs", "15", "batchSize", "100"));
            case "ddpm" -> Registry.get("ddpm").create(Map.of("epochs", "30", "batchSize", "1024", "timesteps", "50", "layers", "256,256"));
            default -> s;
        };
    }
}
