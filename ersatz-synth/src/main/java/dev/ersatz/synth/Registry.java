package dev.ersatz.synth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.transform.ModelColumn;
import dev.ersatz.synth.copula.GaussianCopula;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The synthesizers Ersatz knows, by name: one line per built-in, plus any a third party provides
 * through {@link ServiceLoader} ({@link Entry} implementations listed in
 * {@code META-INF/services/dev.ersatz.synth.Registry$Entry}).
 */
public final class Registry {

    /** How a synthesizer plugs in: its name, a summary, how to build it from options, how to load its fitted form. */
    public interface Entry {
        String name();
        String summary();
        Synthesizer create(Map<String, String> options);
        FittedGenerator load(JsonNode body, List<ModelColumn> columns);
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        register(entry("copula", "Gaussian copula: smoothed marginals, correlated normal scores, exact conditional sampling",
                GaussianCopula::fromOptions, GaussianCopula::load));
        register(entry("independent", "baseline: every column sampled on its own from its marginal (no correlations)",
                GaussianCopula::independentFromOptions, GaussianCopula::load));
        register(entry("cart", "sequential CART (synthpop's method) with minimum leaf size, smoothed numeric draws and a visit order chosen from the data",
                dev.ersatz.synth.cart.CartSynthesizer::fromOptions, dev.ersatz.synth.cart.CartSynthesizer::load));
        register(entry("arf", "adversarial random forest (Watson et al. 2023): leaf-wise densities, exact conditional sampling by evidence",
                dev.ersatz.synth.arf.AdversarialRandomForest::fromOptions, dev.ersatz.synth.arf.AdversarialRandomForest::load));
        register(entry("bayesnet", "Bayesian network over discretised columns; with epsilon=E it is PrivBayes (epsilon-differential privacy)",
                dev.ersatz.synth.bayes.BayesNet::fromOptions, dev.ersatz.synth.bayes.BayesNet::load));
        register(entry("mst", "MST (McKenna et al.): (epsilon, delta)-differentially private, noisy 1- and 2-way marginals on a spanning tree, Private-PGM",
                dev.ersatz.synth.mst.Mst::fromOptions, dev.ersatz.synth.mst.Mst::load));
        register(entry("auto", "picks the synthesizer for the data (cart; arf for very wide, large tables) and records why",
                AutoSynthesizer::fromOptions, AutoSynthesizer::load));
        for (Entry e : ServiceLoader.load(Entry.class)) register(e);
    }

    private Registry() {}

    private static void register(Entry e) {
        ENTRIES.putIfAbsent(e.name(), e);
    }

    /** Builds an entry from functions (for the built-ins). */
    public static Entry entry(String name, String summary, Function<Map<String, String>, Synthesizer> create,
                              BiFunction<JsonNode, List<ModelColumn>, FittedGenerator> load) {
        return new Entry() {
            @Override public String name() { return name; }
            @Override public String summary() { return summary; }
            @Override public Synthesizer create(Map<String, String> options) { return create.apply(options); }
            @Override public FittedGenerator load(JsonNode body, List<ModelColumn> columns) { return load.apply(body, columns); }
        };
    }

    /** The registered names, built-ins first. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(ENTRIES.keySet()));
    }

    /** The entry named {@code name}; an {@link InputException} listing the names if there is none. */
    public static Entry get(String name) {
        Entry e = ENTRIES.get(name);
        if (e == null) {
            throw new InputException("--synthesizer", -1, null, name, "unknown synthesizer (known: " + String.join(", ", names()) + ")");
        }
        return e;
    }

    /** A synthesizer by name with default options. */
    public static Synthesizer create(String name) {
        return get(name).create(Map.of());
    }
}
