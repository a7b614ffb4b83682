package dev.ersatz.neural;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.synth.FittedGenerator;
import dev.ersatz.synth.Registry;
import dev.ersatz.synth.Synthesizer;

import java.util.List;
import java.util.Map;

/**
 * The neural synthesizers' registry entries, found by {@link Registry} through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.ersatz.synth.Registry$Entry}): ersatz-synth cannot depend on this
 * module, so the neural ones plug in from here.
 */
public final class NeuralEntries {
    private NeuralEntries() {}

    /** {@code ctgan}. */
    public static final class CtganEntry implements Registry.Entry {
        @Override public String name() { return Ctgan.NAME; }
        @Override public String summary() { return "CTGAN: conditional Wasserstein GAN with mode-specific normalisation (neural, DJL/PyTorch)"; }
        @Override public Synthesizer create(Map<String, String> options) { return Ctgan.fromOptions(options); }
        @Override public FittedGenerator load(JsonNode body, List<ModelColumn> columns) { return Ctgan.load(body, columns); }
    }

    /** {@code tvae}. */
    public static final class TvaeEntry implements Registry.Entry {
        @Override public String name() { return Tvae.NAME; }
        @Override public String summary() { return "TVAE: variational autoencoder with CTGAN's data transformer (neural, DJL/PyTorch)"; }
        @Override public Synthesizer create(Map<String, String> options) { return Tvae.fromOptions(options); }
        @Override public FittedGenerator load(JsonNode body, List<ModelColumn> columns) { return Tvae.load(body, columns); }
    }

    /** {@code ddpm}. */
    public static final class DdpmEntry implements Registry.Entry {
        @Override public String name() { return TabDdpm.NAME; }
        @Override public String summary() { return "TabDDPM: Gaussian and multinomial diffusion with an MLP denoiser, conditioned on a target (neural, DJL/PyTorch)"; }
        @Override public Synthesizer create(Map<String, String> options) { return TabDdpm.fromOptions(options); }
        @Override public FittedGenerator load(JsonNode body, List<ModelColumn> columns) { return TabDdpm.load(body, columns); }
    }
}
