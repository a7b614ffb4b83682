package dev.ersatz.neural;

/**
 * The noise schedule of TabDDPM's Gaussian and multinomial diffusions, with the per-step constants
 * both need (double precision, computed once).
 *
 * <p>Cosine schedule (Nichol and Dhariwal, "Improved Denoising Diffusion Probabilistic Models", ICML
 * 2021): ᾱ(s) = cos²((s + 0.008) / 1.008 · π/2), βₜ = min(1 − ᾱ((t+1)/T) / ᾱ(t/T), 0.999) for
 * t = 0 … T−1 (index t is the (t+1)-th noising step, as in TabDDPM's code).
 *
 * <p>Gaussian (Ho, Jain, Abbeel, "Denoising Diffusion Probabilistic Models", NeurIPS 2020):
 * q(xₜ | x₀) = N(√ᾱₜ x₀, (1 − ᾱₜ) I); the model predicts ε; the reverse step's mean is the posterior
 * mean at x̂₀ = (xₜ − √(1 − ᾱₜ) ε̂) / √ᾱₜ and its variance TabDDPM's "fixed large" choice (β̃₁ at
 * t = 0, βₜ after).
 *
 * <p>Multinomial (Hoogeboom, Nielsen, Jaini, Forré, Welling, "Argmax Flows and Multinomial Diffusion",
 * NeurIPS 2021): q(xₜ | xₜ₋₁) = Cat(αₜ xₜ₋₁ + (1 − αₜ)/K), q(xₜ | x₀) = Cat(ᾱₜ x₀ + (1 − ᾱₜ)/K).
 */
final class Schedule {
    final int steps;
    final double[] beta, alpha, alphaBar, alphaBarPrev;
    final double[] logAlpha, log1mAlpha, logAlphaBar, log1mAlphaBar;
    final double[] sqrtAlphaBar, sqrt1mAlphaBar, sqrtRecipAlphaBar, sqrtRecipm1AlphaBar;
    final double[] postCoef1, postCoef2, modelLogVar;

    Schedule(int steps) {
        this.steps = steps;
        beta = new double[steps];
        for (int t = 0; t < steps; t++) {
            double a1 = cosine((double) t / steps), a2 = cosine((double) (t + 1) / steps);
            beta[t] = Math.min(1 - a2 / a1, 0.999);
        }
        alpha = new double[steps];
        alphaBar = new double[steps];
        alphaBarPrev = new double[steps];
        logAlpha = new double[steps];
        log1mAlpha = new double[steps];
        logAlphaBar = new double[steps];
        log1mAlphaBar = new double[steps];
        sqrtAlphaBar = new double[steps];
        sqrt1mAlphaBar = new double[steps];
        sqrtRecipAlphaBar = new double[steps];
        sqrtRecipm1AlphaBar = new double[steps];
        postCoef1 = new double[steps];
        postCoef2 = new double[steps];
        modelLogVar = new double[steps];
        double cum = 1, logCum = 0;
        double[] postVar = new double[steps];
        for (int t = 0; t < steps; t++) {
            alpha[t] = 1 - beta[t];
            logAlpha[t] = Math.log(alpha[t]);
            log1mAlpha[t] = Math.log(1 - Math.exp(logAlpha[t]) + 1e-40);
            alphaBarPrev[t] = cum;
            cum *= alpha[t];
            logCum += logAlpha[t];
            alphaBar[t] = cum;
            logAlphaBar[t] = logCum;
            log1mAlphaBar[t] = Math.log(1 - Math.exp(logCum) + 1e-40);
            sqrtAlphaBar[t] = Math.sqrt(cum);
            sqrt1mAlphaBar[t] = Math.sqrt(1 - cum);
            sqrtRecipAlphaBar[t] = Math.sqrt(1 / cum);
            sqrtRecipm1AlphaBar[t] = Math.sqrt(1 / cum - 1);
            postVar[t] = beta[t] * (1 - alphaBarPrev[t]) / (1 - cum);
            postCoef1[t] = beta[t] * Math.sqrt(alphaBarPrev[t]) / (1 - cum);
            postCoef2[t] = (1 - alphaBarPrev[t]) * Math.sqrt(alpha[t]) / (1 - cum);
        }
        for (int t = 0; t < steps; t++) modelLogVar[t] = Math.log(t == 0 ? (steps > 1 ? postVar[1] : beta[0]) : beta[t]);
    }

    private static double cosine(double s) {
        double c = Math.cos((s + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    /**
     * The multinomial posterior q(xₜ₋₁ | xₜ, x₀) over one feature's K categories at step t, as
     * probabilities: ∝ q(xₜ₋₁ | x₀)·q(xₜ | xₜ₋₁); at t = 0 it is the one-hot of x₀.
     */
    void categoricalPosterior(int t, int x0, int xt, int k, double[] out) {
        if (t == 0) {
            for (int c = 0; c < k; c++) out[c] = c == x0 ? 1 : 0;
            return;
        }
        double abPrev = alphaBar[t - 1], a = alpha[t];
        double total = 0;
        for (int c = 0; c < k; c++) {
            double prior = (c == x0 ? abPrev : 0) + (1 - abPrev) / k;
            double lik = (c == xt ? a : 0) + (1 - a) / k;
            out[c] = prior * lik;
            total += out[c];
        }
        for (int c = 0; c < k; c++) out[c] /= total;
    }
}
