package dev.ersatz.sim.market;

/**
 * The expected block length of the stationary bootstrap, by the automatic rule of Politis and White
 * (2004) with the correction of Patton, Politis and White (2009).
 *
 * <p>With R(k) the sample autocovariances, m̂ the smallest lag after which K_N = max(5, √(log10 n))
 * consecutive autocorrelations are all below 2√(log10 n / n), M = 2m̂ and the flat-top kernel
 * λ(s) = 1 for |s| ≤ ½, 2(1 − |s|) for ½ &lt; |s| ≤ 1, 0 beyond:
 * G = Σ_{|k|≤M} λ(k/M)|k|R(k), g(0) = Σ_{|k|≤M} λ(k/M)R(k), D = 2g(0)², and
 * b = (2G²/D)^{1/3} n^{1/3}.
 */
final class BlockLength {
    private BlockLength() {}

    /** The optimal expected block length for {@code x}, at least 1 and at most n/4. */
    static double stationary(double[] x) {
        int n = x.length;
        int maxLag = Math.min(n - 1, (int) Math.ceil(Math.sqrt(n)) + 10);
        double[] rho = Stats.acf(x, maxLag);
        int kn = Math.max(5, (int) Math.sqrt(Math.log10(n)));
        double c = 2 * Math.sqrt(Math.log10(n) / n);
        int mHat = maxLag - kn;
        for (int m = 0; m + kn <= maxLag; m++) {
            boolean small = true;
            for (int j = 1; j <= kn; j++) if (Math.abs(rho[m + j - 1]) >= c) { small = false; break; }
            if (small) { mHat = m; break; }
        }
        int bigM = Math.min(2 * Math.max(mHat, 1), maxLag);
        double mean = Stats.mean(x);
        double g = 0, g0 = 0;
        for (int k = -bigM; k <= bigM; k++) {
            int a = Math.abs(k);
            double r = 0;
            for (int t = 0; t < n - a; t++) r += (x[t] - mean) * (x[t + a] - mean);
            r /= n;
            double s = (double) a / bigM;
            double lam = s <= 0.5 ? 1 : s <= 1 ? 2 * (1 - s) : 0;
            g += lam * a * r;
            g0 += lam * r;
        }
        double d = 2 * g0 * g0;
        double b = Math.cbrt(2 * g * g / d) * Math.cbrt(n);
        if (!Double.isFinite(b)) b = 1;
        return Math.max(1, Math.min(b, n / 4.0));
    }
}
