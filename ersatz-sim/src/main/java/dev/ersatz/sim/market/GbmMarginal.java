package dev.ersatz.sim.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.model.ModelFile;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Geometric Brownian motion: daily log returns r_t = μ + σ z_t, z_t i.i.d. N(0, 1).
 *
 * <p>Fitted by maximum likelihood, which is closed-form: μ̂ = mean(r), σ̂² = mean((r − μ̂)²), with
 * standard errors σ̂/√n and σ̂/√(2n) (the inverse Fisher information). It reproduces the mean and
 * variance and none of the other facts: the baseline every other model must beat.
 */
record GbmMarginal(double mu, double sigma, int n) implements Marginal {

    /** Fits μ and σ to the returns that are not {@code NaN}. */
    static GbmMarginal fit(double[] r) {
        double[] x = Stats.finite(r);
        double mu = Stats.mean(x);
        double v = GarchFitter.backcast(x, mu);
        return new GbmMarginal(mu, Math.sqrt(v), x.length);
    }

    @Override public String model() { return "gbm"; }

    @Override
    public List<Estimate> estimates() {
        return List.of(new Estimate("mu", mu, sigma / Math.sqrt(n), sigma / Math.sqrt(n), false),
                new Estimate("sigma", sigma, sigma / Math.sqrt(2.0 * n), Double.NaN, false));
    }

    @Override
    public double logLikelihood() {
        return -0.5 * n * (Math.log(2 * Math.PI * sigma * sigma) + 1);
    }

    @Override public double drift() { return mu; }
    @Override public int stateSize() { return 0; }
    @Override public void start(double[] state) { }

    @Override
    public double step(double[] state, double z, double scale, double jump, SplittableRandom rng) {
        return mu + sigma * z * scale + jump;
    }

    @Override public double drawShock(SplittableRandom rng) { return rng.nextGaussian(); }
    @Override public double quantile(double u) { return new Innovation.Normal().quantile(u); }
    @Override public boolean gaussianShocks() { return true; }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("type", "gbm");
        o.put("mu", mu);
        o.put("sigma", sigma);
        o.put("n", n);
        return o;
    }

    static GbmMarginal fromJson(JsonNode o) {
        return new GbmMarginal(Marginals.num(o, "mu"), Marginals.num(o, "sigma"), o.path("n").asInt());
    }
}
