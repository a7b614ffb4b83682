package dev.ersatz.synth.dp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.model.ModelFile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The privacy ledger of one fit: every mechanism that touched the rows, with the budget it used and
 * the noise scale it applied, so the ε spent can be reported and tested rather than asserted.
 *
 * <p>Two currencies. Pure ε-differential privacy (Laplace and exponential mechanisms) composes by
 * adding the ε's (Dwork, McSherry, Nissim and Smith, 2006). Zero-concentrated DP (Gaussian
 * mechanisms: ρ = Δ₂²/(2σ²); an ε-exponential mechanism is ε²/8-zCDP) composes by adding the ρ's
 * and converts to (ε, δ)-DP through {@link Zcdp#delta} (Bun and Steinke, 2016; Canonne, Kamath and
 * Steinke, 2020). Neighbouring tables differ by adding or removing one row.
 */
public final class Ledger {

    /** One use of a mechanism. */
    public record Entry(String purpose, String mechanism, double sensitivity, double epsilon, double rho, double scale) {}

    private final List<Entry> entries = new ArrayList<>();

    /** Records a Laplace mechanism with L1 sensitivity {@code sensitivity} and budget ε (scale Δ/ε). */
    public double laplace(String purpose, double sensitivity, double epsilon) {
        double scale = sensitivity / epsilon;
        entries.add(new Entry(purpose, "laplace", sensitivity, epsilon, 0, scale));
        return scale;
    }

    /** Records an exponential mechanism with score sensitivity Δ and budget ε. */
    public void exponential(String purpose, double sensitivity, double epsilon, boolean zcdp) {
        entries.add(new Entry(purpose, "exponential", sensitivity, zcdp ? 0 : epsilon, zcdp ? epsilon * epsilon / 8 : 0, epsilon));
    }

    /** Records a Gaussian mechanism with L2 sensitivity Δ and budget ρ (σ = Δ/√(2ρ)); returns σ. */
    public double gaussian(String purpose, double sensitivity, double rho) {
        double sigma = sensitivity / Math.sqrt(2 * rho);
        entries.add(new Entry(purpose, "gaussian", sensitivity, 0, rho, sigma));
        return sigma;
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** The pure ε spent (sequential composition). */
    public double epsilon() {
        double e = 0;
        for (Entry x : entries) e += x.epsilon;
        return e;
    }

    /** The zCDP ρ spent. */
    public double rho() {
        double r = 0;
        for (Entry x : entries) r += x.rho;
        return r;
    }

    /** ε and ρ per purpose, in the order first used. */
    public ObjectNode toJson() {
        ObjectNode o = ModelFile.object();
        o.put("epsilon", epsilon());
        o.put("rho", rho());
        ArrayNode a = o.putArray("mechanisms");
        List<String> purposes = new ArrayList<>();
        for (Entry x : entries) if (!purposes.contains(x.purpose)) purposes.add(x.purpose);
        for (String p : purposes) {
            double e = 0, r = 0;
            int n = 0;
            String mech = null;
            double scale = 0;
            for (Entry x : entries) {
                if (!x.purpose.equals(p)) continue;
                e += x.epsilon;
                r += x.rho;
                n++;
                mech = x.mechanism;
                scale = x.scale;
            }
            ObjectNode m = a.addObject();
            m.put("purpose", p);
            m.put("mechanism", mech);
            m.put("uses", n);
            if (e > 0) m.put("epsilon", e);
            if (r > 0) m.put("rho", r);
            m.put(mech.equals("exponential") ? "epsilonEach" : "scale", scale);
        }
        return o;
    }

    /** {@code v} to {@code digits} significant digits, without trailing zeros (2, 0.5, 0.01497). */
    public static String number(double v, int digits) {
        if (!Double.isFinite(v)) return Double.toString(v);
        return new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    /** A one-line summary of a ledger stored by {@link #toJson}. */
    public static String describe(JsonNode ledger) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode m : ledger.path("mechanisms")) {
            if (sb.length() > 0) sb.append("; ");
            sb.append(m.path("purpose").asText());
            if (m.has("epsilon")) sb.append(" epsilon=").append(number(m.get("epsilon").asDouble(), 4));
            if (m.has("rho")) sb.append(" rho=").append(number(m.get("rho").asDouble(), 4));
        }
        return sb.toString();
    }
}
