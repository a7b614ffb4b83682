package dev.ersatz.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Metadata;
import dev.ersatz.core.Progress;
import dev.ersatz.core.Table;
import dev.ersatz.core.io.TableReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON's stable keys, its determinism, what is reported without a holdout or target, and bad input. */
class EvaluationJsonTest {

    static Table penguins() {
        return TableReader.read(Path.of(System.getProperty("ersatz.examples", "../examples")).resolve("penguins.csv").toString()).table();
    }

    /** Penguins split at random into a "training" half and a "holdout" half; the synthetic table is the holdout half shuffled column-wise. */
    private static Evaluation evaluate(Evaluator.Options o, boolean holdout) {
        Table all = penguins();
        int[] p = Stats.permutation(all.rowCount(), new java.util.SplittableRandom(1));
        Table train = all.select(java.util.Arrays.copyOfRange(p, 0, 172)), hold = all.select(java.util.Arrays.copyOfRange(p, 172, 344));
        Table syn = TestTables.shuffledColumns(hold, 3);
        Metadata meta = TestTables.meta("species:categorical", "island:categorical", "bill_length_mm:numeric", "bill_depth_mm:numeric",
                "flipper_length_mm:integer", "body_mass_g:integer", "sex:categorical", "year:categorical");
        return Evaluator.evaluate(train, "train.csv", syn, "syn.csv", holdout ? hold : null, holdout ? "hold.csv" : null, meta, o, Progress.NONE);
    }

    @Test
    void json_startsWithExactlyTheStableSummaryKeys() throws Exception {
        Evaluation e = evaluate(Evaluator.Options.defaults().withTarget("species"), true);
        JsonNode root = new ObjectMapper().readTree(e.toJson());
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) keys.add(it.next());
        assertThat(keys.subList(0, Evaluation.SUMMARY_KEYS.size())).isEqualTo(Evaluation.SUMMARY_KEYS);
        assertThat(keys).containsSubsequence("format", "inputs", "verdicts", "fidelity", "detection", "utility", "privacy", "charts");
        for (String k : Evaluation.SUMMARY_KEYS) {
            JsonNode v = root.get(k);
            if (v.isNull()) continue;
            if (!k.endsWith("_r2")) assertThat(v.asDouble()).as(k).isBetween(0.0, 1.0);
        }
        // species has three classes: macro-F1 yes, AUC (binary only) and R² (regression only) no
        assertThat(root.get("tstr_f1").isNull()).isFalse();
        assertThat(root.get("tstr_auc").isNull()).isTrue();
        assertThat(root.get("tstr_r2").isNull()).isTrue();
    }

    @Test
    void json_sameInputsAndSeed_byteIdentical_whateverTheThreads() {
        Evaluator.Options o = Evaluator.Options.defaults().withTarget("body_mass_g").withSeed(9);
        byte[] a = evaluate(o.withThreads(1), true).toJson(), b = evaluate(o.withThreads(3), true).toJson();
        assertThat(new String(a)).isEqualTo(new String(b));
        assertThat(new String(evaluate(o.withSeed(10), true).toJson())).isNotEqualTo(new String(a));
    }

    @Test
    void json_regressionTarget_reportsR2NotF1() throws Exception {
        JsonNode root = new ObjectMapper().readTree(evaluate(Evaluator.Options.defaults().withTarget("body_mass_g"), true).toJson());
        assertThat(root.get("tstr_r2").isNull()).isFalse();
        assertThat(root.get("tstr_f1").isNull()).isTrue();
        assertThat(root.at("/utility/task").asText()).isEqualTo("regression");
    }

    @Test
    void utility_syntheticRowsOfOneClassOnly_scoredNotFailed() {
        // The file lists Adelie, then Gentoo, then Chinstrap: the first half has Adelie and Gentoo, the second
        // Gentoo and Chinstrap, so the synthetic table has one usable class of a binary target.
        Table all = penguins();
        Table train = TestTables.rows(all, 0, 172), hold = TestTables.rows(all, 172, 344);
        Evaluation e = Evaluator.evaluate(train, "train.csv", TestTables.shuffledColumns(hold, 3), "syn.csv", hold, "hold.csv",
                dev.ersatz.core.detect.MetadataDetector.detect(train), Evaluator.Options.defaults().withTarget("species"), Progress.NONE);
        assertThat(e.utility.classes()).isEqualTo(2);
        assertThat(e.utility.dropped()).isPositive();
        assertThat(e.summary().get("tstr_f1")).isBetween(0.0, 1.0);
        assertThat(e.verdicts().get("utility")).contains("left out");
    }

    @Test
    void noHoldout_holdoutMetricsAreNullWithReasons() throws Exception {
        Evaluation e = evaluate(Evaluator.Options.defaults().withTarget("species"), false);
        JsonNode root = new ObjectMapper().readTree(e.toJson());
        for (String k : List.of("accuracy_ceiling", "tstr_f1", "trtr_f1", "dcr_share", "ims_holdout", "singling_out_risk",
                "linkability_risk", "inference_risk")) {
            assertThat(root.get(k).isNull()).as(k).isTrue();
        }
        assertThat(root.get("shapes").isNull()).isFalse();
        assertThat(root.get("detection_auc").isNull()).isFalse();
        assertThat(root.at("/utility/not_measured").asText()).contains("holdout");
        assertThat(root.at("/privacy/attacks_not_measured").asText()).contains("holdout");
        assertThat(e.verdicts().get("utility")).startsWith("Not measured");
    }

    @Test
    void badInput_namesFileRowColumnAndValue() {
        Table real = TestTables.of("a,b", "1,x", "2,y");
        Metadata meta = TestTables.meta("a:integer", "b:categorical");
        Evaluator.Options o = Evaluator.Options.defaults();
        assertThatThrownBy(() -> Evaluator.evaluate(real, "real.csv", TestTables.of("a", "1"), "syn.csv", null, null, meta, o, Progress.NONE))
                .isInstanceOf(InputException.class).hasMessageContaining("syn.csv").hasMessageContaining("'b'").hasMessageContaining("missing");
        assertThatThrownBy(() -> Evaluator.evaluate(real, "real.csv", TestTables.of("a,b,c", "1,x,0"), "syn.csv", null, null, meta, o, Progress.NONE))
                .isInstanceOf(InputException.class).hasMessageContaining("'c'").hasMessageContaining("not in the real data");
        assertThatThrownBy(() -> Evaluator.evaluate(real, "real.csv", TestTables.of("a,b", "1,x", "abc,y"), "syn.csv", null, null, meta, o, Progress.NONE))
                .isInstanceOf(InputException.class).hasMessage("syn.csv: row 2, column 'a', value \"abc\": not a number (the real column is integer)");
        assertThatThrownBy(() -> Evaluator.evaluate(real, "real.csv", TestTables.of("a,b", "1,x"), "syn.csv", null, null, meta,
                o.withTarget("nope"), Progress.NONE))
                .isInstanceOf(InputException.class).hasMessageContaining("'nope'").hasMessageContaining("no such column");
        assertThatThrownBy(() -> Evaluator.evaluate(real, "real.csv", TestTables.of("a,b"), "syn.csv", null, null, meta, o, Progress.NONE))
                .isInstanceOf(InputException.class).hasMessageContaining("syn.csv").hasMessageContaining("no data rows");
    }
}
