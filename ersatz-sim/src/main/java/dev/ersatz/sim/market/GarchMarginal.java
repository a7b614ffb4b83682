package dev.ersatz.sim.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.model.ModelFile;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fitted GARCH(1,1), GJR-GARCH(1,1,1) or EGARCH(1,1,1) process with a constant mean.
 *
 * <p>r_t = μ + ε_t, ε_t = σ_t z_t, z_t i.i.d. standardised ({@link Innovation}), and
 * <ul>
 *   <li>GARCH (Bollerslev, 1986): σ²_t = ω + α ε²_{t−1} + β σ²_{t−1};</li>
 *   <li>GJR (Glosten, Jagannathan and Runkle, 1993): σ²_t = ω + (α + γ·1(ε_{t−1} &lt; 0)) ε²_{t−1}
 *       + β σ²_{t−1}; persistence α + γκ + β with κ = E[z²·1(z &lt; 0)], unconditional variance
 *       ω/(1 − persistence);</li>
 *   <li>EGARCH (Nelson, 1991): ln σ²_t = ω + α(|z_{t−1}| − E|z|) + γ z_{t−1} + β ln σ²_{t−1}.</li>
 * </ul>
 * For filtered historical simulation {@code kappa} and {@code expectedAbs} are the moments of the
 * empirical residuals that the simulator resamples, so the simulated variance matches the target.
 *
 * <p>Simulation caps the daily variance at 1 (a 100% daily move): it only binds on explosive
 * parameter sets, where it keeps the paths finite.
 */
record GarchMarginal(String model, VolKind kind, Innovation innovation, double mu, double omega, double alpha,
                     double gamma, double beta, double kappa, double expectedAbs, List<Estimate> estimates,
                     double logLikelihood, boolean meanTargeted, boolean varianceTargeted) implements Marginal {

    /** The volatility recursion. */
    enum VolKind { GARCH, GJR, EGARCH }

    private static final double MAX_VARIANCE = 1.0;

    GarchMarginal {
        estimates = List.copyOf(estimates);
    }

    @Override public double drift() { return mu; }
    @Override public int stateSize() { return 1; }

    /** α + γκ + β (GARCH/GJR) or β (EGARCH). */
    double persistence() {
        return kind == VolKind.EGARCH ? beta : alpha + gamma * kappa + beta;
    }

    /** The unconditional variance of ε for GARCH/GJR; for EGARCH exp(ω/(1 − β)), the variance at the mean log-variance. */
    double unconditionalVariance() {
        if (kind == VolKind.EGARCH) return Math.exp(omega / (1 - beta));
        double p = persistence();
        return p < 1 ? omega / (1 - p) : Double.POSITIVE_INFINITY;
    }

    @Override
    public void start(double[] state) {
        double v = Math.min(unconditionalVariance(), MAX_VARIANCE);
        state[0] = kind == VolKind.EGARCH ? Math.log(v) : v;
    }

    @Override
    public double step(double[] state, double z, double scale, double jump, SplittableRandom rng) {
        if (kind == VolKind.EGARCH) {
            double ls = state[0];
            double sd = Math.exp(0.5 * ls);
            double e = sd * z * scale + jump;
            double zz = e / sd;
            state[0] = Math.min(omega + alpha * (Math.abs(zz) - expectedAbs) + gamma * zz + beta * ls, 0.0);
            return mu + e;
        }
        double s2 = state[0];
        double e = Math.sqrt(s2) * z * scale + jump;
        double a = e < 0 ? alpha + gamma : alpha;
        state[0] = Math.min(omega + a * e * e + beta * s2, MAX_VARIANCE);
        return mu + e;
    }

    @Override public double drawShock(SplittableRandom rng) { return innovation.sample(rng); }
    @Override public double quantile(double u) { return innovation.quantile(u); }
    @Override public boolean gaussianShocks() { return innovation instanceof Innovation.Normal; }

    /**
     * The standardised residuals z_t = (r_t − μ)/σ_t of {@code r} under these parameters; {@code NaN}
     * days (masked holidays) are skipped: no residual, no update of σ².
     */
    double[] residuals(double[] r) {
        double[] z = new double[r.length];
        double s2 = GarchFitter.backcast(r, mu);
        double ls = Math.log(s2);
        for (int t = 0; t < r.length; t++) {
            if (Double.isNaN(r[t])) {
                z[t] = Double.NaN;
                continue;
            }
            double e = r[t] - mu;
            if (kind == VolKind.EGARCH) {
                double zz = e / Math.exp(0.5 * ls);
                z[t] = zz;
                ls = omega + alpha * (Math.abs(zz) - expectedAbs) + gamma * zz + beta * ls;
            } else {
                z[t] = e / Math.sqrt(s2);
                s2 = omega + (e < 0 ? alpha + gamma : alpha) * e * e + beta * s2;
            }
        }
        return z;
    }

    /** This process with another innovation's moments and ω (filtered historical simulation re-targets both). */
    GarchMarginal withMoments(String name, double newOmega, double newKappa, double newExpectedAbs, List<Estimate> newEstimates) {
        return new GarchMarginal(name, kind, innovation, mu, newOmega, alpha, gamma, beta, newKappa, newExpectedAbs,
                newEstimates, logLikelihood, meanTargeted, varianceTargeted);
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("type", "garch");
        o.put("model", model);
        o.put("volatility", kind.name().toLowerCase(java.util.Locale.ROOT));
        o.put("innovation", innovation.name());
        ArrayNode shape = o.putArray("shape");
        for (double v : innovation.params()) shape.add(v);
        o.put("mu", mu);
        o.put("omega", omega);
        o.put("alpha", alpha);
        o.put("gamma", gamma);
        o.put("beta", beta);
        o.put("kappa", kappa);
        o.put("expectedAbs", expectedAbs);
        o.put("logLikelihood", logLikelihood);
        o.put("meanTargeted", meanTargeted);
        o.put("varianceTargeted", varianceTargeted);
        o.set("estimates", Marginals.estimatesJson(estimates));
        return o;
    }

    static GarchMarginal fromJson(JsonNode o) {
        VolKind kind = VolKind.valueOf(Marginals.text(o, "volatility").toUpperCase(java.util.Locale.ROOT));
        Innovation base = Innovation.named(Marginals.text(o, "innovation"));
        List<Double> shape = new ArrayList<>();
        for (JsonNode v : o.path("shape")) shape.add(v.asDouble());
        double[] p = shape.stream().mapToDouble(Double::doubleValue).toArray();
        Innovation inn = p.length == 0 ? base : base.with(p);
        if (inn == null) throw new dev.ersatz.core.InputException("model file: infeasible innovation shape " + shape);
        return new GarchMarginal(Marginals.text(o, "model"), kind, inn, Marginals.num(o, "mu"), Marginals.num(o, "omega"),
                Marginals.num(o, "alpha"), Marginals.num(o, "gamma"), Marginals.num(o, "beta"), Marginals.num(o, "kappa"),
                Marginals.num(o, "expectedAbs"), Marginals.estimatesFromJson(o.path("estimates")),
                o.path("logLikelihood").asDouble(Double.NaN), o.path("meanTargeted").asBoolean(),
                o.path("varianceTargeted").asBoolean());
    }
}
