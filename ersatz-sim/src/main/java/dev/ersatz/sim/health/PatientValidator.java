package dev.ersatz.sim.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.sim.engine.Report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a simulated patients directory against its manifest: prevalence of each module's conditions
 * by age band and sex against the targets the module declares, and the living population's age, sex and
 * region structure against the population table.
 *
 * <p>Tolerances come from the sample size: a prevalence passes within 4 binomial standard errors,
 * {@code 4 sqrt(p (1 - p) / n)}, n the living patients of the target's band and sex; a population cell's
 * count passes within 4 standard errors of its expected count {@code N share} (a binomial, since every
 * living patient falls in one cell). Reads the CSV tables, or the FHIR bundles (with a plain JSON
 * reader, which is much faster than building HAPI objects for a check that needs two resource types).
 */
public final class PatientValidator {
    public static final double Z = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PatientValidator() {}

    private record Patient(String id, LocalDate birth, LocalDate death, String sex, String region) {}

    private record ConditionRow(String patient, LocalDate start, LocalDate stop, String key) {}

    public static Report validate(Path dir, Progress progress) {
        Path manifestFile = dir.resolve(OutputDirectory.MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new InputException(dir.toString(), "no manifest.json in it; validate checks a directory written by 'ersatz simulate patients'");
        }
        JsonNode m;
        try {
            m = JSON.readTree(manifestFile.toFile());
        } catch (IOException e) {
            throw new InputException(manifestFile.toString(), "not a valid manifest: " + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
        if (!"patients".equals(m.path("kind").asText())) throw new InputException(manifestFile.toString(), "not a patients manifest");
        LocalDate end = LocalDate.parse(m.path("endDate").asText());
        int population = m.path("population").asInt();
        Report report = new Report("Ersatz validation: patients", dir.getFileName() + ": " + String.format(Locale.ROOT,
                "%,d living patients at %s, seed %d, %s, %s", population, end, m.path("seed").asLong(), m.path("format").asText(),
                m.path("library").asText()));

        List<Patient> patients = new ArrayList<>();
        List<ConditionRow> conditions = new ArrayList<>();
        if (m.path("format").asText().equals("fhir")) readFhir(dir.resolve("fhir"), patients, conditions, progress);
        else readCsv(dir, patients, conditions);

        // integrity
        String section = "records";
        Map<String, Patient> byId = new HashMap<>();
        for (Patient p : patients) byId.put(p.id(), p);
        long alive = patients.stream().filter(p -> p.death() == null || p.death().isAfter(end)).count();
        report.check(section, "patient ids are unique", byId.size() == patients.size(), String.format(Locale.ROOT, "%,d ids", byId.size()),
                String.format(Locale.ROOT, "%,d patients", patients.size()), "exact", "ids are UUIDs hashed from the seed");
        report.check(section, "living patients as asked", alive == population, String.format(Locale.ROOT, "%,d", alive),
                String.format(Locale.ROOT, "%,d", population), "exact", "--population counts the living at the end date");
        long orphans = conditions.stream().filter(c -> !byId.containsKey(c.patient())).count();
        report.check(section, "every condition belongs to a patient", orphans == 0, orphans + " orphans", "0", "exact", "");
        report.check(section, "as many lives as the manifest says", patients.size() == m.path("counts").path("lives").asLong(),
                String.format(Locale.ROOT, "%,d", patients.size()), String.format(Locale.ROOT, "%,d", m.path("counts").path("lives").asLong()),
                "exact", "the directory is the one the manifest describes");
        JsonNode byCondition = m.path("counts").path("byCondition");
        if (byCondition.isArray()) {
            // counts per label: lives with each condition, as the manifest declares them
            Map<String, Set<String>> livesWith = new java.util.TreeMap<>();
            for (ConditionRow c : conditions) livesWith.computeIfAbsent(c.key(), k -> new HashSet<>()).add(c.patient());
            Map<String, Long> declared = new java.util.TreeMap<>();
            for (JsonNode x : byCondition) declared.put(x.path("system").asText() + "|" + x.path("code").asText(), x.path("lives").asLong());
            String mismatch = null;
            for (String key : new java.util.TreeSet<>(livesWith.keySet())) {
                long found = livesWith.get(key).size(), said = declared.getOrDefault(key, 0L);
                if (found != said && mismatch == null) mismatch = String.format(Locale.ROOT, "%s: %,d lives, manifest %,d", key, found, said);
            }
            for (String key : declared.keySet()) {
                if (!livesWith.containsKey(key) && declared.get(key) != 0 && mismatch == null) {
                    mismatch = String.format(Locale.ROOT, "%s: no lives, manifest %,d", key, declared.get(key));
                }
            }
            long total = livesWith.values().stream().mapToLong(Set::size).sum();
            report.check(section, "lives per condition as in the manifest", mismatch == null,
                    mismatch == null ? String.format(Locale.ROOT, "%d conditions, %,d lives with one", livesWith.size(), total) : mismatch,
                    String.format(Locale.ROOT, "%d conditions", declared.size()), "exact", "the manifest's counts per label");
        }

        // prevalence per target
        section = "prevalence by age band and sex";
        List<Module.Target> targets = new ArrayList<>();
        for (JsonNode mod : m.path("modules")) {
            for (JsonNode t : mod.path("targets")) {
                targets.add(new Module.Target(new Code(t.path("system").asText(), t.path("code").asText(), t.path("display").asText()),
                        t.path("measure").asText(), t.path("age").get(0).asInt(), t.path("age").get(1).asInt(), t.path("sex").asText(),
                        t.path("prevalence").asDouble(), mod.path("name").asText() + ": " + t.path("source").asText()));
            }
        }
        Prevalence prev = new Prevalence(targets);
        Map<String, Set<String>> active = new HashMap<>(), recent = new HashMap<>();
        LocalDate yearAgo = end.minusDays(365);
        for (ConditionRow c : conditions) {
            if (!c.start().isAfter(end) && (c.stop() == null || c.stop().isAfter(end))) active.computeIfAbsent(c.patient(), k -> new HashSet<>()).add(c.key());
            if (c.start().isAfter(yearAgo) && !c.start().isAfter(end)) recent.computeIfAbsent(c.patient(), k -> new HashSet<>()).add(c.key());
        }
        for (Patient p : patients) {
            if (p.death() != null && !p.death().isAfter(end)) continue;
            int age = java.time.Period.between(p.birth(), end).getYears();
            prev.add(p.sex(), age, active.getOrDefault(p.id(), Set.of()), recent.getOrDefault(p.id(), Set.of()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Module.Target t = targets.get(i);
            long n = prev.denominators[i];
            double obs = prev.observed(i), p = t.prevalence();
            double tol = n == 0 ? 0 : Z * Math.sqrt(p * (1 - p) / n);
            String who = t.condition().display() + ", " + (t.sex().equals("any") ? "all" : t.sex()) + " " + t.ageLow() + "-" + Math.min(t.ageHigh(), 120)
                    + (t.measure().equals("lastYear") ? ", onset in the last year" : "");
            report.check(section, who, n > 0 && Math.abs(obs - p) <= tol, n == 0 ? "nobody in the band" : pct(obs),
                    pct(p), "±" + pct(tol), String.format(Locale.ROOT, "4 binomial SE at n = %,d; %s", n, t.source()));
            rows.add(List.of(t.condition().display(), t.sex(), t.ageLow() + "-" + Math.min(t.ageHigh(), 120), t.measure(),
                    String.format(Locale.ROOT, "%,d", n), pct(obs), pct(p), t.source()));
        }
        report.table("Prevalence against the modules' targets", List.of("condition", "sex", "age", "measure", "patients", "observed", "target", "source"),
                rows, null);

        // population structure
        section = "population structure";
        Map<String, Double> expectedShare = new HashMap<>();
        Map<String, Double> regionShare = new HashMap<>();
        double total = 0;
        List<JsonNode> cells = new ArrayList<>();
        m.path("populationTable").path("cells").forEach(cells::add);
        for (JsonNode c : cells) total += c.path("weight").asDouble();
        for (JsonNode c : cells) {
            String key = c.path("sex").asText() + " " + c.path("age").get(0).asInt() + "-" + c.path("age").get(1).asInt();
            expectedShare.merge(key, c.path("weight").asDouble() / total, Double::sum);
            regionShare.merge(c.path("region").asText(), c.path("weight").asDouble() / total, Double::sum);
        }
        Map<String, Long> observed = new HashMap<>(), regions = new HashMap<>();
        for (Patient p : patients) {
            if (p.death() != null && !p.death().isAfter(end)) continue;
            int age = java.time.Period.between(p.birth(), end).getYears();
            for (JsonNode c : cells) {
                if (c.path("sex").asText().equals(p.sex()) && age >= c.path("age").get(0).asInt() && age <= c.path("age").get(1).asInt()) {
                    observed.merge(p.sex() + " " + c.path("age").get(0).asInt() + "-" + c.path("age").get(1).asInt(), 1L, Long::sum);
                    break;
                }
            }
            regions.merge(p.region(), 1L, Long::sum);
        }
        report.check(section, "age and sex pyramid (worst cell)", worst(expectedShare, observed, alive) <= Z,
                String.format(Locale.ROOT, "|z| %.2f", worst(expectedShare, observed, alive)), "|z| ≤ " + Z, Z + " binomial SE per cell",
                expectedShare.size() + " sex × age cells against the population table");
        report.check(section, "regions (worst region)", worst(regionShare, regions, alive) <= Z,
                String.format(Locale.ROOT, "|z| %.2f", worst(regionShare, regions, alive)), "|z| ≤ " + Z, Z + " binomial SE per region",
                regionShare.size() + " regions against the population table");
        List<List<String>> pyramid = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(expectedShare.keySet())) {
            double e = expectedShare.get(key) * alive;
            pyramid.add(List.of(key, String.format(Locale.ROOT, "%,d", observed.getOrDefault(key, 0L)), String.format(Locale.ROOT, "%,.0f", e)));
        }
        report.table("Living population by sex and age band", List.of("cell", "patients", "expected"), pyramid, null);
        report.note(String.format(Locale.ROOT, "%,d lives simulated, %,d of them deceased before the end date.", patients.size(), patients.size() - alive));
        return report;
    }

    private static double worst(Map<String, Double> share, Map<String, Long> counts, long n) {
        double worst = 0;
        for (Map.Entry<String, Double> e : share.entrySet()) {
            double p = e.getValue(), k = counts.getOrDefault(e.getKey(), 0L);
            if (p <= 0) continue;
            worst = Math.max(worst, Math.abs(k - n * p) / Math.sqrt(n * p * (1 - p)));
        }
        return worst;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static void readCsv(Path dir, List<Patient> patients, List<ConditionRow> conditions) {
        for (String[] r : rows(dir.resolve("patients.csv"), "Id", "BIRTHDATE", "DEATHDATE", "GENDER", "REGION")) {
            patients.add(new Patient(r[0], date(r[1]), r[2].isEmpty() ? null : date(r[2]), r[3], r[4]));
        }
        for (String[] r : rows(dir.resolve("conditions.csv"), "START", "STOP", "PATIENT", "SYSTEM", "CODE")) {
            conditions.add(new ConditionRow(r[2], date(r[0]), r[1].isEmpty() ? null : date(r[1]), Code.systemUri(r[3]) + "|" + r[4]));
        }
    }

    private static LocalDate date(String s) {
        return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
    }

    private static List<String[]> rows(Path file, String... columns) {
        if (!Files.isRegularFile(file)) throw new InputException(file.toString(), "missing from the output directory");
        List<String[]> out = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(reader)) {
            int[] idx = null;
            for (CsvRecord rec : csv) {
                if (idx == null) {
                    idx = new int[columns.length];
                    for (int i = 0; i < columns.length; i++) {
                        idx[i] = rec.getFields().indexOf(columns[i]);
                        if (idx[i] < 0) throw new InputException(file.toString(), 0, columns[i], null, "missing column");
                    }
                    continue;
                }
                String[] r = new String[columns.length];
                for (int i = 0; i < columns.length; i++) r[i] = rec.getField(idx[i]);
                out.add(r);
            }
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read: " + e.getMessage());
        }
        return out;
    }

    private static void readFhir(Path dir, List<Patient> patients, List<ConditionRow> conditions, Progress progress) {
        if (!Files.isDirectory(dir)) throw new InputException(dir.toString(), "missing from the output directory");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir.toString(), "cannot list: " + e.getMessage());
        }
        int done = 0;
        for (Path f : files) {
            JsonNode b;
            try {
                b = JSON.readTree(f.toFile());
            } catch (IOException e) {
                throw new InputException(f.toString(), "not valid JSON: " + String.valueOf(e.getMessage()).replace('\n', ' '));
            }
            String patientId = null;
            for (JsonNode e : b.path("entry")) {
                JsonNode r = e.path("resource");
                String type = r.path("resourceType").asText();
                if (type.equals("Patient")) {
                    patientId = r.path("id").asText();
                    String death = r.path("deceasedDateTime").asText("");
                    JsonNode addr = r.path("address").path(0);
                    patients.add(new Patient(patientId, date(r.path("birthDate").asText()), death.isEmpty() ? null : date(death),
                            r.path("gender").asText().equals("male") ? "M" : "F", addr.path("district").asText("")));
                } else if (type.equals("Condition")) {
                    JsonNode coding = r.path("code").path("coding").path(0);
                    String abate = r.path("abatementDateTime").asText("");
                    conditions.add(new ConditionRow(patientId, date(r.path("onsetDateTime").asText()), abate.isEmpty() ? null : date(abate),
                            coding.path("system").asText() + "|" + coding.path("code").asText()));
                }
            }
            if (++done % 500 == 0) progress.update("validate: reading bundles", done, files.size());
        }
    }
}
