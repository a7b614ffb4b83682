package dev.ersatz.sim.engine;

/**
 * A small, fast, reproducible random stream (SplitMix64) with the distributions simulations need.
 *
 * <p><b>Why SplitMix64, and why streams keyed by (seed, agent, step).</b> The engine promises the same
 * bytes for a seed whatever the number of threads. That holds if every random draw an agent makes is a
 * pure function of the run seed, the agent and the step, never of which thread ran it or of what other
 * agents drew before. {@link #stream(long, long, long)} derives such a stream by hashing the three keys
 * with the SplitMix64 finaliser (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number
 * generators"; the same generator as {@link java.util.SplittableRandom}), whose output passes BigCrush
 * for distinct seeds. Counter-based streams of this kind are the approach of Salmon et al. 2011
 * ("Parallel random numbers: as easy as 1, 2, 3"). A side effect worth having: adding an agent never
 * changes what the others draw.
 *
 * <p>The algorithms of every distribution are written here (not borrowed from the JDK, whose
 * {@code nextGaussian} changed between releases), so a seed gives the same numbers on any Java version.
 *
 * <p>Not thread-safe: one stream per agent and step, or per worker.
 */
public final class Rng {
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
    private long state;

    /** A stream starting from {@code seed}. */
    public Rng(long seed) {
        this.state = seed;
    }

    /** The stream of {@code agent} at {@code step} of a run seeded with {@code seed}. */
    public static Rng stream(long seed, long agent, long step) {
        return new Rng(key(seed, agent, step));
    }

    /** The seed of the stream of {@code (a, b)} under {@code seed}: a hash, so nearby keys give unrelated streams. */
    public static long key(long seed, long a, long b) {
        long h = mix64(seed ^ 0x5851_F42D_4C95_7F2DL);
        h = mix64(h + GOLDEN * (a + 1));
        return mix64(h ^ (b * 0xD6E8_FEB8_6659_FD93L + 0x2545_F491_4F6C_DD1DL));
    }

    /** A seed for a named sub-stream of {@code seed} (setup, roles, cases...): {@code key(seed, tag, 0)}. */
    public static long key(long seed, long tag) {
        return key(seed, tag, -1);
    }

    /** Restarts this stream at {@code seed} (lets a worker reuse one object for many agents). */
    public Rng reseed(long seed) {
        this.state = seed;
        return this;
    }

    /** The SplitMix64 finaliser: a fast 64-bit bijection that mixes every input bit into every output bit. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** 64 uniformly random bits. */
    public long nextLong() {
        return mix64(state += GOLDEN);
    }

    /** Uniform in [0, 1), 53 bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in (0, 1): never 0, for logarithms. */
    public double nextOpenDouble() {
        return ((nextLong() >>> 12) + 0.5) * 0x1.0p-52;
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform in [0, bound), without modulo bias (Lemire 2019, "Fast random integer generation in an interval"). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive: " + bound);
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFF_FFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFF_FFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Uniform in [lo, hi] (both inclusive). */
    public int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Standard normal by the Marsaglia polar method (one of the pair is discarded, so the stream has no hidden state). */
    public double nextGaussian() {
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Exponential with mean {@code mean}. */
    public double exponential(double mean) {
        return -mean * Math.log(nextOpenDouble());
    }

    /** Log-normal: {@code exp(mu + sigma Z)}. */
    public double lognormal(double mu, double sigma) {
        return Math.exp(mu + sigma * nextGaussian());
    }

    /**
     * Poisson with mean {@code mean}: inversion by sequential search below 30 (exact, one uniform), a
     * rounded normal approximation above (its mean and variance are right; its skew, 1/sqrt(mean),
     * is below 0.19 there, which activity counts do not notice).
     */
    public int poisson(double mean) {
        if (!(mean > 0)) return 0;
        if (mean < 30) {
            double u = nextDouble();
            double p = Math.exp(-mean);
            double cdf = p;
            int k = 0;
            while (u > cdf && k < 1000) {
                k++;
                p *= mean / k;
                cdf += p;
            }
            return k;
        }
        return Math.max(0, (int) Math.floor(mean + Math.sqrt(mean) * nextGaussian() + 0.5));
    }

    /** Gamma with the given shape and scale (Marsaglia and Tsang 2000; shape below 1 by the boost u^(1/shape)). */
    public double gamma(double shape, double scale) {
        if (shape < 1) {
            double u = nextOpenDouble();
            return gamma(shape + 1, scale) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x, v;
            do {
                x = nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = nextOpenDouble();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
            if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
        }
    }

    /** Beta(a, b) as a ratio of gammas. */
    public double beta(double a, double b) {
        double x = gamma(a, 1), y = gamma(b, 1);
        return x / (x + y);
    }

    /** An index drawn with probability proportional to {@code weights} (all non-negative, not all zero). */
    public int pick(double[] weights) {
        double total = 0;
        for (double w : weights) total += w;
        double u = nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) return i;
        }
        for (int i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
        return weights.length - 1;
    }

    /** An index drawn from cumulative weights {@code cdf} (non-decreasing, last entry the total), by binary search. */
    public int pickCumulative(double[] cdf) {
        double u = nextDouble() * cdf[cdf.length - 1];
        int lo = 0, hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
