package dev.ersatz.synth;

import java.util.ArrayList;
import java.util.List;

/** Runs the synthesizer contract over every synthesizer in the registry. */
class RegistryConformanceTest extends SynthesizerContract {
    @Override
    protected List<Synthesizer> synthesizers() {
        List<Synthesizer> out = new ArrayList<>();
        for (String name : Registry.names()) out.add(Registry.create(name));
        return out;
    }
}
