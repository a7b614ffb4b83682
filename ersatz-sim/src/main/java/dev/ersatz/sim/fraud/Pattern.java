package dev.ersatz.sim.fraud;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pattern the scenario can switch on: a fraud or laundering typology (its transactions are labelled
 * with its name and a case id) or a benign look-alike (ordinary behaviour that resembles one, left
 * unlabelled, so that detecting a typology takes more than spotting its shape).
 *
 * <p>Every pattern has a {@code rate} (cases per 10,000 clients per 30 days) and its own parameters;
 * ranges are drawn uniformly per case. Defaults are below; the scenario file overrides them. Amounts
 * are given as multiples of the accounts' own typical amounts ({@code multiple}: of the first account's
 * typical cash deposit; {@code amountMultiple}, {@code purchaseMultiple}: of the victim's typical
 * transfer or card payment), as AMLSim draws suspicious amounts from the same range as ordinary ones:
 * a typology is its shape, not an amount no ordinary client would move. The exception is structuring,
 * whose point is an absolute reporting threshold.
 */
public enum Pattern {
    // --- fraud (PaySim's one pattern, made less regular, and three more from card and payment fraud) ---
    /** Account takeover: the victim's balance, mostly, goes to mules in one to three transfers; each mule cashes out. */
    ACCOUNT_TAKEOVER("account_takeover", true, 100,
            "mules", r(1, 3), "drainFraction", r(0.4, 0.95), "transferGapMinutes", r(1, 40),
            "cashOutDelayHours", r(0.5, 30), "cashOutFraction", r(0.8, 1.0), "splitCashOutProbability", n(0.3)),
    /** Card testing: a burst of tiny card payments at online merchants, then sometimes real purchases. */
    CARD_TESTING("card_testing", true, 36,
            "tests", r(3, 20), "testAmount", r(0.5, 5.0), "burstMinutes", r(5, 180), "merchants", r(1, 4),
            "purchaseProbability", n(0.5), "purchases", r(1, 3), "purchaseMultiple", r(2, 10), "purchaseDelayHours", r(0.2, 12)),
    /** Authorised push-payment scam: the victim is talked into paying a new payee, more than usual, then the money moves on. */
    APP_SCAM("app_scam", true, 120,
            "payments", r(1, 4), "amountMultiple", r(2, 15), "spanHours", r(0.5, 96), "maxBalanceFraction", n(0.9),
            "forwardDelayHours", r(0.5, 24), "forwardFraction", r(0.85, 1.0), "cashOutProbability", n(0.5)),
    // --- laundering (AMLSim's typologies, plus structuring and layered mule chains) ---
    /** Structuring: cash deposits just under a reporting threshold, spread over days and banks, then moved on. */
    STRUCTURING("structuring", true, 48,
            "threshold", n(10_000), "deposits", r(4, 12), "band", r(0.70, 0.99), "spanDays", r(3, 14), "banks", r(1, 4),
            "consolidateFraction", r(0.85, 1.0), "consolidateDelayHours", r(1, 48)),
    /** Fan-in: many accounts each place cash and send it to one collector, who moves it on. */
    FAN_IN("fan_in", true, 20,
            "sources", r(5, 15), "multiple", r(1, 4), "spread", n(0.2), "spanHours", r(6, 96),
            "onwardDelayHours", r(1, 48), "onwardFraction", r(0.85, 1.0)),
    /** Fan-out: one account places cash and sends it to many, some of whom cash out. */
    FAN_OUT("fan_out", true, 26,
            "recipients", r(5, 15), "multiple", r(4, 15), "spanHours", r(2, 72), "cashOutProbability", n(0.5),
            "cashOutDelayHours", r(1, 48)),
    /** Cycle: money goes round a ring of accounts and back to where it started, less a fee per hop. */
    CYCLE("cycle", true, 72,
            "length", r(3, 6), "multiple", r(1, 5), "feeFraction", r(0.005, 0.03), "hopDelayHours", r(1, 48),
            "cashOutProbability", n(0.3)),
    /** Scatter-gather: one account splits money over intermediaries, who all pass it to one destination. */
    SCATTER_GATHER("scatter_gather", true, 33,
            "intermediaries", r(3, 8), "multiple", r(3, 12), "feeFraction", r(0.01, 0.05), "hopDelayHours", r(1, 48)),
    /** Layered mule chains: money passes through several layers of mules, splitting and merging, then is cashed out. */
    LAYERING("layering", true, 25,
            "layers", r(3, 5), "width", r(2, 4), "multiple", r(4, 15), "feeFraction", r(0.01, 0.05), "hopDelayHours", r(0.5, 36)),

    // --- benign look-alikes (unlabelled) ---
    /** A large one-off transfer to a new payee (a car, a deposit), sometimes cashed out by the seller: looks like takeover or a scam. */
    LARGE_TRANSFER("large_transfer", false, 300,
            "multiple", r(4, 20), "maxBalanceFraction", n(0.9), "roundProbability", n(0.5), "cashOutProbability", n(0.3),
            "cashOutDelayHours", r(1, 48)),
    /** Friends chipping in to one collector (a gift, a shared bill), who may pay it on: looks like fan-in. */
    GROUP_COLLECTION("group_collection", false, 60,
            "contributors", r(4, 12), "multiple", r(0.5, 3), "spanHours", r(2, 72), "payOnProbability", n(0.5)),
    /** A small employer paying its staff: looks like fan-out. */
    PAYROLL("payroll", false, 80,
            "recipients", r(4, 12), "multiple", r(3, 10), "spanHours", r(0.2, 4)),
    /** Money received and passed on within hours (paying on a family member's behalf): looks like a mule hop. */
    PASS_THROUGH("pass_through", false, 150,
            "multiple", r(2, 10), "delayHours", r(0.5, 12), "fraction", r(0.6, 1.0), "cashOutProbability", n(0.4)),
    /** A run of small card payments (transit, vending, app stores): looks like card testing. */
    MICRO_BURST("micro_burst", false, 400,
            "payments", r(3, 10), "amount", r(0.5, 8), "spanMinutes", r(5, 120), "merchants", r(1, 3)),
    /** A shopkeeper banking large cash takings on several days, then often paying a supplier: looks like structuring. */
    LARGE_DEPOSITS("large_deposits", false, 150,
            "threshold", n(10_000), "deposits", r(3, 10), "band", r(0.5, 1.2), "spanDays", r(5, 21), "payOnProbability", n(0.6),
            "payOnFraction", r(0.5, 1.0)),
    /** Friends settling shared costs round a small ring: looks like a cycle. */
    SHARED_EXPENSES("shared_expenses", false, 60,
            "length", r(3, 4), "multiple", r(1, 6), "spread", n(0.3), "hopDelayHours", r(2, 72));

    private final String key;
    private final boolean labelled;
    private final double defaultRate;
    private final Map<String, double[]> defaults = new LinkedHashMap<>();

    Pattern(String key, boolean labelled, double rate, Object... kv) {
        this.key = key;
        this.labelled = labelled;
        this.defaultRate = rate;
        for (int i = 0; i < kv.length; i += 2) defaults.put((String) kv[i], (double[]) kv[i + 1]);
    }

    private static double[] r(double lo, double hi) { return new double[] {lo, hi}; }

    private static double[] n(double v) { return new double[] {v, v}; }

    /** The name used in scenario files and in the output's {@code typology} column. */
    public String key() { return key; }

    /** Whether its transactions are labelled (typologies) or not (benign look-alikes). */
    public boolean labelled() { return labelled; }

    public double defaultRate() { return defaultRate; }

    public Map<String, double[]> defaults() { return defaults; }

    /** The labelled typologies, in output-code order (code = position + 1; 0 = none). */
    public static final List<Pattern> TYPOLOGIES = java.util.Arrays.stream(values()).filter(Pattern::labelled).toList();

    /** The typology names in code order, for the output's enum column. */
    public static List<String> typologyLabels() {
        return TYPOLOGIES.stream().map(Pattern::key).toList();
    }

    /** The pattern named {@code key}, or null. */
    public static Pattern byKey(String key) {
        for (Pattern p : values()) if (p.key.equals(key)) return p;
        return null;
    }

    /** The typology's output code (1-based), 0 for benign patterns. */
    public int code() {
        return labelled ? TYPOLOGIES.indexOf(this) + 1 : 0;
    }
}
