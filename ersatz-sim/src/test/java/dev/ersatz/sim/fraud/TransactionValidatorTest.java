package dev.ersatz.sim.fraud;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.Progress;
import dev.ersatz.sim.engine.Report;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator passes a clean run of the default scenario and fails one that was broken on purpose. */
class TransactionValidatorTest {
    @TempDir static Path dir;
    static Path clean;

    @BeforeAll
    static void run() {
        clean = dir.resolve("clean.parquet");
        TransactionSimulator.write(Scenario.defaults(), new TransactionSimulator.Options(3000, 14, 21, 2), clean, Progress.NONE);
    }

    static Report validate(Path p) {
        return TransactionValidator.validate(p, 2, false, Progress.NONE);
    }

    static List<String> failed(Report r) {
        return r.checks().stream().filter(c -> !c.pass()).map(c -> c.section() + ": " + c.name()).toList();
    }

    /** Rewrites the clean log through SQL into {@code name}, with the clean manifest beside it. */
    static Path tampered(String name, String select) throws Exception {
        Path out = dir.resolve(name);
        try (Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties());
             Statement st = c.createStatement()) {
            st.execute("COPY (" + select.replace("LOG", "'" + clean + "'") + ") TO '" + out + "' (FORMAT PARQUET)");
        }
        Files.copy(TransactionSimulator.manifestPath(clean), TransactionSimulator.manifestPath(out));
        return out;
    }

    @Test
    void defaultScenario_everyCheckPasses() {
        Report r = validate(clean);
        assertThat(failed(r)).isEmpty();
        assertThat(r.checks()).hasSizeGreaterThan(40);
    }

    @Test
    void typologyLabelsBroken_fails() throws Exception {
        Path p = tampered("unlabelled.parquet", "SELECT * REPLACE (CASE WHEN typology = 'fan_in' THEN 0 ELSE isFraud END AS isFraud, "
                + "CASE WHEN typology = 'fan_in' THEN NULL ELSE typology END AS typology) FROM LOG");
        assertThat(failed(validate(p))).containsExactly("typologies: fan_in: labelled rows and cases as in the manifest");
    }

    @Test
    void balanceBroken_fails() throws Exception {
        Path p = tampered("unbalanced.parquet", "SELECT * REPLACE (CASE WHEN step = 50 AND type = 'PAYMENT' THEN newbalanceOrig + 1 "
                + "ELSE newbalanceOrig END AS newbalanceOrig) FROM LOG");
        assertThat(failed(validate(p))).contains("balance invariant: every row adds up (new = old ± amount, both sides)",
                "balance invariant: each account's balance carries from row to row");
    }

    @Test
    void profileNotReproduced_fails() throws Exception {
        // The manifest claims a profile with card payments 30% more common than the run had: the counts must disagree.
        Path p = tampered("other-profile.parquet", "SELECT * FROM LOG");
        Path manifest = TransactionSimulator.manifestPath(p);
        ObjectNode m = (ObjectNode) Profile.JSON.readTree(manifest.toFile());
        ObjectNode card = (ObjectNode) m.get("profile").get("types").get("CARD");
        card.put("share", card.get("share").asDouble() * 1.3);
        Files.write(manifest, Profile.JSON.writeValueAsBytes(m));
        assertThat(failed(validate(p))).contains("counts per type and hour: CARD total");
    }
}
