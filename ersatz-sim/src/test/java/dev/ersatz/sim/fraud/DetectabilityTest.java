package dev.ersatz.sim.fraud;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence at test scale: a classifier on artefact features does no better than chance on
 * any typology, one on behaviour detects each well but not perfectly, and an artefact deliberately put
 * into one typology is caught.
 *
 * <p>Scale: 2,000 clients over 21 days with every pattern's rate (and the mule and controlled pools)
 * five times the default, so each typology has a few hundred rows; train on seed 1, test on seed 2.
 */
class DetectabilityTest {
    static List<TxRow> train, test;

    static Scenario boosted(double boost) {
        ObjectNode root = Profile.JSON.createObjectNode();
        ObjectNode ty = root.putObject("typologies"), be = root.putObject("benign");
        for (Pattern p : Pattern.values()) (p.labelled() ? ty : be).putObject(p.key()).put("rate", p.defaultRate() * boost);
        root.putObject("population").put("mulePoolShare", 0.005 * boost).put("controlledPoolShare", 0.03 * boost);
        return Scenario.fromJson(root, "test", null);
    }

    static List<TxRow> rows(Scenario s, long seed) {
        List<TxRow> out = new ArrayList<>();
        Detectability.feedRun(s, new TransactionSimulator.Options(2000, 21, seed, 2), r -> out.add(r.copy()), Progress.NONE);
        return out;
    }

    @BeforeAll
    static void runs() {
        Scenario s = boosted(5);
        train = rows(s, 1);
        test = rows(s, 2);
    }

    static Detectability.Result evaluate(UnaryOperator<TxRow> tamper) {
        Consumer<Consumer<TxRow>> tr = c -> train.forEach(r -> c.accept(tamper.apply(r.copy())));
        Consumer<Consumer<TxRow>> te = c -> test.forEach(r -> c.accept(tamper.apply(r.copy())));
        // fewer unlabelled rows than the validator keeps (60,000 and 150,000), to keep the test quick
        return Detectability.evaluate(tr, train.size(), 25_000, te, test.size(), 60_000, Progress.NONE);
    }

    @Test
    void artefactsChance_behaviourWellButNotPerfect_everyTypology() {
        Detectability.Result d = evaluate(r -> r);
        assertThat(d.rows()).hasSize(Pattern.TYPOLOGIES.size());
        for (Detectability.Row r : d.rows()) {
            assertThat(r.testRows()).as(r.typology().key()).isGreaterThan(100);
            assertThat(r.artefactAuc()).as("artefact AUC of " + r.typology().key())
                    .isCloseTo(0.5, org.assertj.core.data.Offset.offset(TransactionValidator.Z * r.artefactStandardError()));
            assertThat(r.behaviouralAuc()).as("behavioural AUC of " + r.typology().key()).isGreaterThanOrEqualTo(TransactionValidator.WELL);
            assertThat(r.recallAtPrecision90()).as("recall at 90% precision of " + r.typology().key())
                    .isLessThan(TransactionValidator.NOT_PERFECT_RECALL);
        }
        // PaySim's tell (an account emptied to the cent by a transfer or cash-out) flags nothing here
        assertThat(d.ruleTruePositives()).isZero();
    }

    @Test
    void artefactPutIntoOneTypology_isCaught() {
        // fan-in given PaySim's tells: its accounts' ids get a shape of their own (an 11th digit, as PaySim's
        // "C"/"M" prefixes), its transfers and cash-outs take the whole balance, the receiver showing zero
        Detectability.Result d = evaluate(r -> {
            if (r.typology != Pattern.FAN_IN.code()) return r;
            r.orig += 10_000_000_000L;
            if (r.txType() != TxType.CASH_IN) {
                r.cents = Math.max(1, r.oldOrig);
                r.newOrig = 0;
                if (r.oldDest != Transfer.NONE) {
                    r.oldDest = 0;
                    r.newDest = 0;
                }
            }
            return r;
        });
        Detectability.Row fanIn = d.rows().stream().filter(r -> r.typology() == Pattern.FAN_IN).findFirst().orElseThrow();
        assertThat(fanIn.artefactAuc() - 0.5).isGreaterThan(TransactionValidator.Z * fanIn.artefactStandardError());
        assertThat(d.ruleTruePositives()).isPositive();
    }

    @Test
    void gbdt_separatesASimpleSignal_andAucIsExact() {
        // regression: a 0/1 feature (all quantile edges at 0) could not be split on its top bin
        double[][] flag = new double[200][1];
        boolean[] yf = new boolean[200];
        for (int i = 0; i < 200; i++) {
            yf[i] = i < 10;
            flag[i][0] = yf[i] ? 1 : 0;
        }
        Gbdt gf = Gbdt.train(flag, yf, Gbdt.Options.defaults());
        assertThat(gf.score(new double[] {1})).isGreaterThan(gf.score(new double[] {0}) + 1);
        assertThat(Auc.auc(new double[] {3, 4}, new double[] {1, 2}, null)).isEqualTo(1.0);
        assertThat(Auc.auc(new double[] {1, 2}, new double[] {1, 2}, null)).isEqualTo(0.5);
        assertThat(Auc.auc(new double[] {2}, new double[] {1, 3}, new double[] {3, 1})).isEqualTo(0.75);
        int n = 4000;
        double[][] x = new double[n][2];
        boolean[] y = new boolean[n];
        dev.ersatz.sim.engine.Rng rng = new dev.ersatz.sim.engine.Rng(1);
        for (int i = 0; i < n; i++) {
            y[i] = i % 10 == 0;
            x[i][0] = rng.nextGaussian() + (y[i] ? 2 : 0);
            x[i][1] = rng.nextGaussian();
        }
        Gbdt g = Gbdt.train(x, y, Gbdt.Options.defaults());
        List<Double> pos = new ArrayList<>(), neg = new ArrayList<>();
        for (int i = 0; i < n; i++) (y[i] ? pos : neg).add(g.score(x[i]));
        double auc = Auc.auc(pos.stream().mapToDouble(Double::doubleValue).toArray(), neg.stream().mapToDouble(Double::doubleValue).toArray(), null);
        // a shift of 2 sd gives a Bayes AUC of Φ(2/√2) = 0.921; in-sample trees can only do better
        assertThat(auc).isGreaterThan(0.9);
    }
}
