package dev.ersatz.sim.health;

import ca.uhn.fhir.parser.IParser;
import dev.ersatz.core.Progress;
import dev.ersatz.sim.engine.Report;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatientSimulatorTest {
    @TempDir Path dir;

    static PatientSimulator.Options options(int n, long seed, int threads) {
        return new PatientSimulator.Options(n, seed, threads, PatientSimulator.DEFAULT_END);
    }

    @Test
    void csv_sameSeed_byteIdenticalOnOneAndTwoThreads_livingCountAsAsked() throws Exception {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        PatientSimulator.Written wa = PatientSimulator.write(ModuleLoader.builtIn(), PopulationTable.builtIn(), options(600, 5, 1), PatientSimulator.Format.CSV, a, Progress.NONE);
        PatientSimulator.write(ModuleLoader.builtIn(), PopulationTable.builtIn(), options(600, 5, 2), PatientSimulator.Format.CSV, b, Progress.NONE);
        assertThat(wa.alive()).isEqualTo(600);
        assertThat(wa.lives()).isGreaterThan(600);
        for (String t : CsvRecords.TABLES) {
            assertThat(Files.readAllBytes(b.resolve(t + ".csv"))).as(t).isEqualTo(Files.readAllBytes(a.resolve(t + ".csv")));
        }
        assertThat(Files.readString(b.resolve("manifest.json"))).isEqualTo(Files.readString(a.resolve("manifest.json")));
        List<String> patients = Files.readAllLines(a.resolve("patients.csv"));
        assertThat(patients.get(0)).isEqualTo("Id,BIRTHDATE,DEATHDATE,GENDER,REGION");
        assertThat(patients).hasSize((int) wa.lives() + 1);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void manifest_countsLivesPerCondition_andValidateHoldsTheOutputToThem() throws Exception {
        Path a = dir.resolve("a");
        PatientSimulator.write(ModuleLoader.builtIn(), PopulationTable.builtIn(), options(400, 3, 2), PatientSimulator.Format.CSV, a, Progress.NONE);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode byCondition = json.readTree(a.resolve("manifest.json").toFile()).path("counts").path("byCondition");
        // counted independently from the conditions table: distinct patients per code
        java.util.Map<String, java.util.Set<String>> expected = new java.util.TreeMap<>();
        List<String> rows = Files.readAllLines(a.resolve("conditions.csv"));
        for (String r : rows.subList(1, rows.size())) {
            String[] f = r.split(",");
            expected.computeIfAbsent(f[5], k -> new java.util.HashSet<>()).add(f[2]);
        }
        assertThat(byCondition.size()).isEqualTo(expected.size()).isGreaterThanOrEqualTo(4);
        for (com.fasterxml.jackson.databind.JsonNode x : byCondition) {
            assertThat(x.path("lives").asLong()).as(x.path("display").asText()).isEqualTo(expected.get(x.path("code").asText()).size());
            assertThat(x.path("livingWithActive").asLong()).isBetween(0L, x.path("lives").asLong());
        }
        assertThat(PatientValidator.validate(a, Progress.NONE).checks().stream().filter(c -> !c.pass()).map(Report.Check::name)).isEmpty();

        // the manifest claims one more life with the first condition: the check names it
        String manifest = Files.readString(a.resolve("manifest.json"));
        long lives = byCondition.get(0).path("lives").asLong();
        Files.writeString(a.resolve("manifest.json"), manifest.replaceFirst("\"lives\" : " + lives + ",", "\"lives\" : " + (lives + 1) + ","));
        assertThat(PatientValidator.validate(a, Progress.NONE).checks().stream().filter(c -> !c.pass()).map(Report.Check::name))
                .containsExactly("lives per condition as in the manifest");
    }

    @Test
    void fhir_bundlesParseBackWithHapi_andAreDeterministic() throws Exception {
        Path a = dir.resolve("fa"), b = dir.resolve("fb");
        PatientSimulator.write(ModuleLoader.builtIn(), PopulationTable.builtIn(), options(60, 9, 2), PatientSimulator.Format.FHIR, a, Progress.NONE);
        PatientSimulator.write(ModuleLoader.builtIn(), PopulationTable.builtIn(), options(60, 9, 1), PatientSimulator.Format.FHIR, b, Progress.NONE);
        List<Path> files;
        try (Stream<Path> s = Files.list(a.resolve("fhir"))) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(60);
        IParser parser = FhirRecords.context().newJsonParser();
        int conditions = 0, panels = 0;
        for (Path f : files) {
            assertThat(Files.readAllBytes(b.resolve("fhir").resolve(f.getFileName()))).isEqualTo(Files.readAllBytes(f));
            // complete resources: nothing marked as a summary (HAPI's SUBSETTED tag) or otherwise tagged
            assertThat(Files.readString(f)).doesNotContain("SUBSETTED").doesNotContain("\"meta\"");
            Bundle bundle = parser.parseResource(Bundle.class, Files.readString(f));
            assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
            assertThat(bundle.getEntryFirstRep().getResource()).isInstanceOf(Patient.class);
            String patientUrl = bundle.getEntryFirstRep().getFullUrl();
            assertThat(patientUrl).isEqualTo("urn:uuid:" + f.getFileName().toString().replace(".json", ""));
            for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
                assertThat(e.getFullUrl()).startsWith("urn:uuid:");
                assertThat(e.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
                if (e.getResource() instanceof Condition c) {
                    conditions++;
                    assertThat(c.getSubject().getReference()).isEqualTo(patientUrl);
                }
                if (e.getResource() instanceof Observation o && o.getCode().getCodingFirstRep().getCode().equals("85354-9")) {
                    panels++;
                    assertThat(o.getComponent()).hasSize(2);
                }
            }
        }
        assertThat(conditions).isPositive();
        assertThat(panels).isPositive();
    }

    @Test
    void builtInModules_validate_andABrokenModuleFails() throws Exception {
        Path ok = dir.resolve("ok");
        PatientSimulator.write(ModuleLoader.builtIn(), PopulationTable.builtIn(), options(2000, 11, 2), PatientSimulator.Format.CSV, ok, Progress.NONE);
        Report r = PatientValidator.validate(ok, Progress.NONE);
        assertThat(r.checks().stream().filter(c -> !c.pass()).map(Report.Check::name)).isEmpty();

        // diabetes broken on purpose: its onset hazards cut to a third, its declared targets unchanged
        Path mods = Files.createDirectory(dir.resolve("mods"));
        String diabetes = new String(ModuleLoader.class.getResourceAsStream("modules/type2_diabetes.json").readAllBytes());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"distribution\": (0\\.0\\d+),\\s*\"transition\": \"Onset\"").matcher(diabetes);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, "\"distribution\": " + Double.parseDouble(m.group(1)) / 3 + ", \"transition\": \"Onset\"");
        m.appendTail(sb);
        // the complement keeps each distribution summing to 1
        String broken = sb.toString();
        java.util.regex.Matcher c = java.util.regex.Pattern.compile("\\{\\s*\"distribution\": ([0-9.E-]+), \"transition\": \"Onset\"\\s*},\\s*\\{\\s*\"distribution\": ([0-9.]+),")
                .matcher(broken);
        StringBuilder fixed = new StringBuilder();
        while (c.find()) {
            double p = Double.parseDouble(c.group(1));
            c.appendReplacement(fixed, "{\"distribution\": " + p + ", \"transition\": \"Onset\"}, {\"distribution\": " + (1 - p) + ",");
        }
        c.appendTail(fixed);
        Files.writeString(mods.resolve("type2_diabetes.json"), fixed.toString());
        Path bad = dir.resolve("bad");
        PatientSimulator.write(ModuleLoader.withDirectory(mods), PopulationTable.builtIn(), options(2000, 11, 2), PatientSimulator.Format.CSV, bad, Progress.NONE);
        List<String> failed = PatientValidator.validate(bad, Progress.NONE).checks().stream().filter(x -> !x.pass()).map(Report.Check::name).toList();
        assertThat(failed).isNotEmpty().allMatch(n -> n.startsWith("Diabetes"));
    }

    @Test
    void outputDirectory_refusesAForeignNonEmptyDirectory_replacesAnEarlierOutput() throws Exception {
        Path foreign = Files.createDirectory(dir.resolve("mine"));
        Files.writeString(foreign.resolve("thesis.txt"), "precious");
        assertThatThrownBy(() -> PatientSimulator.write(ModuleLoader.builtIn(), PopulationTable.builtIn(), options(5, 1, 1),
                PatientSimulator.Format.CSV, foreign, Progress.NONE)).hasMessageContaining("not an Ersatz output");
        assertThat(Files.readString(foreign.resolve("thesis.txt"))).isEqualTo("precious");
        Path out = dir.resolve("out");
        PatientSimulator.write(ModuleLoader.builtIn(), PopulationTable.builtIn(), options(5, 1, 1), PatientSimulator.Format.CSV, out, Progress.NONE);
        PatientSimulator.write(ModuleLoader.builtIn(), PopulationTable.builtIn(), options(7, 1, 1), PatientSimulator.Format.CSV, out, Progress.NONE);
        assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"population\" : 7");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("mine", "out");
        }
    }

    @Test
    void populationTable_badRows_named() {
        assertThatThrownBy(() -> PopulationTable.parse("region,sex,age_low,age_high,weight\nX,Q,0,4,1\n", "t.csv"))
                .hasMessageContaining("t.csv").hasMessageContaining("row 1").hasMessageContaining("sex").hasMessageContaining("M or F");
        assertThatThrownBy(() -> PopulationTable.parse("region,sex,age_low,weight\n", "t.csv")).hasMessageContaining("age_high").hasMessageContaining("missing column");
        assertThatThrownBy(() -> PopulationTable.parse("region,sex,age_low,age_high,weight\nX,F,9,4,1\n", "t.csv")).hasMessageContaining("age_low <= age_high");
    }
}
