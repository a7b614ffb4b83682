package dev.ersatz.sim.market;

import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.special.Erf;
import org.hipparchus.special.Gamma;

import java.util.SplittableRandom;

/**
 * A standardised innovation distribution (mean 0, variance 1) for the GARCH family: its log
 * density, a sampler, its quantile function and the moments the volatility recursions need.
 *
 * <p>Three kinds, as in {@code arch}:
 * <ul>
 *   <li>{@link Normal};</li>
 *   <li>{@link StudentT} with ν &gt; 2 degrees of freedom, rescaled to unit variance:
 *       f(z) = Γ((ν+1)/2) / (Γ(ν/2) √(π(ν−2))) · (1 + z²/(ν−2))^{−(ν+1)/2};</li>
 *   <li>{@link SkewT}, Hansen's (1994) skewed t with ν &gt; 2 and asymmetry −1 &lt; λ &lt; 1:
 *       f(z) = b c (1 + ((b z + a)/(1 ∓ λ))²/(ν−2))^{−(ν+1)/2}, the minus sign for z &lt; −a/b, with
 *       c = Γ((ν+1)/2)/(√(π(ν−2)) Γ(ν/2)), a = 4λc(ν−2)/(ν−1), b² = 1 + 3λ² − a². λ &lt; 0 puts
 *       more mass in the left tail.</li>
 * </ul>
 * Instances are immutable and thread-safe.
 */
sealed interface Innovation permits Innovation.Normal, Innovation.StudentT, Innovation.SkewT {

    /** The short name used in model names and files: "normal", "t" or "skewt". */
    String name();

    /** The shape parameters (none, {ν}, or {ν, λ}). */
    double[] params();

    /** The names of {@link #params()}, for reports. */
    String[] paramNames();

    /** A distribution of the same kind with other shape parameters, or {@code null} if they are infeasible. */
    Innovation with(double[] params);

    /** The log density at z. */
    double logPdf(double z);

    /** One draw. */
    double sample(SplittableRandom rng);

    /** The quantile function at u in (0, 1). */
    double quantile(double u);

    /** E|z|, the centring term of EGARCH. */
    double expectedAbs();

    /** E[z² · 1(z &lt; 0)], the weight of the GJR asymmetry term in the persistence (1/2 when symmetric). */
    double negativeSecondMoment();

    /** The distribution named {@code name} with its starting shape parameters. */
    static Innovation named(String name) {
        return switch (name) {
            case "normal" -> new Normal();
            case "t" -> new StudentT(8);
            case "skewt" -> new SkewT(8, -0.05);
            default -> throw new IllegalArgumentException("unknown innovation distribution: " + name);
        };
    }

    /** The standard normal distribution. */
    record Normal() implements Innovation {
        private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

        @Override public String name() { return "normal"; }
        @Override public double[] params() { return new double[0]; }
        @Override public String[] paramNames() { return new String[0]; }
        @Override public Innovation with(double[] params) { return this; }
        @Override public double logPdf(double z) { return -LOG_SQRT_2PI - 0.5 * z * z; }
        @Override public double sample(SplittableRandom rng) { return rng.nextGaussian(); }
        @Override public double quantile(double u) { return Math.sqrt(2) * Erf.erfInv(2 * u - 1); }
        @Override public double expectedAbs() { return Math.sqrt(2 / Math.PI); }
        @Override public double negativeSecondMoment() { return 0.5; }
    }

    /** Student's t with ν degrees of freedom, scaled to unit variance. */
    record StudentT(double nu, double logConst, double scale) implements Innovation {
        StudentT(double nu) {
            this(nu, Gamma.logGamma((nu + 1) / 2) - Gamma.logGamma(nu / 2) - 0.5 * Math.log(Math.PI * (nu - 2)),
                    Math.sqrt((nu - 2) / nu));
        }

        @Override public String name() { return "t"; }
        @Override public double[] params() { return new double[] {nu}; }
        @Override public String[] paramNames() { return new String[] {"nu"}; }

        @Override
        public Innovation with(double[] p) {
            return p[0] > 2.05 && p[0] <= 500 ? new StudentT(p[0]) : null;
        }

        @Override
        public double logPdf(double z) {
            return logConst - 0.5 * (nu + 1) * Math.log1p(z * z / (nu - 2));
        }

        @Override
        public double sample(SplittableRandom rng) {
            // t_ν = g / sqrt(χ²_ν / ν), χ²_ν = 2·Gamma(ν/2); unit variance multiplies by sqrt((ν−2)/ν)
            double g = rng.nextGaussian();
            double chi2 = 2 * Sampling.gamma(rng, nu / 2);
            return g * Math.sqrt((nu - 2) / chi2);
        }

        @Override
        public double quantile(double u) {
            return new TDistribution(nu).inverseCumulativeProbability(u) * scale;
        }

        @Override
        public double expectedAbs() {
            // E|T_ν| = √ν Γ((ν−1)/2) / (√π Γ(ν/2)), times the unit-variance scale √((ν−2)/ν)
            return Math.sqrt(nu - 2) * Math.exp(Gamma.logGamma((nu - 1) / 2) - Gamma.logGamma(nu / 2)) / Math.sqrt(Math.PI);
        }

        @Override public double negativeSecondMoment() { return 0.5; }
    }

    /** Hansen's skewed t (see the interface comment). */
    record SkewT(double nu, double lambda, double a, double b, double logBc, double eAbs, double negM2) implements Innovation {
        SkewT(double nu, double lambda) {
            this(nu, lambda, constants(nu, lambda));
        }

        private SkewT(double nu, double lambda, double[] k) {
            this(nu, lambda, k[0], k[1], k[2], k[3], k[4]);
        }

        private static double[] constants(double nu, double lambda) {
            double logC = Gamma.logGamma((nu + 1) / 2) - Gamma.logGamma(nu / 2) - 0.5 * Math.log(Math.PI * (nu - 2));
            double c = Math.exp(logC);
            double a = 4 * lambda * c * (nu - 2) / (nu - 1);
            double b = Math.sqrt(1 + 3 * lambda * lambda - a * a);
            double[] m = moments(nu, lambda, a, b);
            return new double[] {a, b, Math.log(b) + logC, m[0], m[1]};
        }

        /**
         * E|z| and E[z²·1(z &lt; 0)], in closed form up to one short smooth integral. With y = b z + a,
         * the half y &lt; 0 is −(1 − λ)|T| with probability (1 − λ)/2 (T the unit-variance t), so
         * P(y &lt; 0) = (1 − λ)/2, E[y·1(y &lt; 0)] = −(1 − λ)²E|T|/2 and E[y²·1(y &lt; 0)] = (1 − λ)³/2;
         * the slice between 0 and a, where the density is f_T(y/(1 ± λ)), is integrated by Simpson's
         * rule. Since E[y] = a (z has mean 0): E|z| = −2E[(y − a)·1(y &lt; a)]/b and
         * E[z²·1(z &lt; 0)] = E[(y − a)²·1(y &lt; a)]/b². (Quadrature over the whole line converges
         * slowly for ν near 2, where the second moment's tail is barely integrable.)
         */
        private static double[] moments(double nu, double lambda, double a, double b) {
            StudentT t = new StudentT(nu);
            double eAbsT = t.expectedAbs();
            double p0 = (1 - lambda) / 2, m1 = -(1 - lambda) * (1 - lambda) * eAbsT / 2, m2 = Math.pow(1 - lambda, 3) / 2;
            // the slice [0, a) (a > 0) is added, [a, 0) (a < 0) taken away
            double lo = Math.min(0, a), hi = Math.max(0, a), sign = a >= 0 ? 1 : -1;
            double scale = a >= 0 ? 1 + lambda : 1 - lambda;
            int n = 64;
            double h = (hi - lo) / n, sp = 0, s1 = 0, s2 = 0;
            for (int i = 0; i <= n; i++) {
                double y = lo + i * h;
                double w = (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * h / 3 * Math.exp(t.logPdf(y / scale));
                sp += w;
                s1 += w * y;
                s2 += w * y * y;
            }
            double pA = p0 + sign * sp, e1 = m1 + sign * s1, e2 = m2 + sign * s2;
            double shifted1 = e1 - a * pA;                 // E[(y − a)·1(y < a)]
            double shifted2 = e2 - 2 * a * e1 + a * a * pA; // E[(y − a)²·1(y < a)]
            return new double[] {-2 * shifted1 / b, shifted2 / (b * b)};
        }

        @Override public String name() { return "skewt"; }
        @Override public double[] params() { return new double[] {nu, lambda}; }
        @Override public String[] paramNames() { return new String[] {"nu", "lambda"}; }

        @Override
        public Innovation with(double[] p) {
            return p[0] > 2.05 && p[0] <= 500 && Math.abs(p[1]) < 0.95 ? new SkewT(p[0], p[1]) : null;
        }

        @Override
        public double logPdf(double z) {
            double y = b * z + a;
            double d = y / (y < 0 ? 1 - lambda : 1 + lambda);
            return logBc - 0.5 * (nu + 1) * Math.log1p(d * d / (nu - 2));
        }

        @Override
        public double sample(SplittableRandom rng) {
            // |T| from the unit-variance t, then the left half with probability (1 − λ)/2
            double g = rng.nextGaussian();
            double chi2 = 2 * Sampling.gamma(rng, nu / 2);
            double x = Math.abs(g * Math.sqrt((nu - 2) / chi2));
            double y = rng.nextDouble() < (1 - lambda) / 2 ? -(1 - lambda) * x : (1 + lambda) * x;
            return (y - a) / b;
        }

        @Override
        public double quantile(double u) {
            TDistribution td = new TDistribution(nu);
            double sc = Math.sqrt((nu - 2) / nu);
            double left = (1 - lambda) / 2;
            double y = u < left
                    ? (1 - lambda) * td.inverseCumulativeProbability(u / (1 - lambda)) * sc
                    : (1 + lambda) * td.inverseCumulativeProbability(0.5 + (u - left) / (1 + lambda)) * sc;
            return (y - a) / b;
        }

        @Override public double expectedAbs() { return eAbs; }
        @Override public double negativeSecondMoment() { return negM2; }
    }
}
