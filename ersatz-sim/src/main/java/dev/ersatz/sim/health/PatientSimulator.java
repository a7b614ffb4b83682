package dev.ersatz.sim.health;

import dev.ersatz.core.InputException;
import dev.ersatz.core.Progress;
import dev.ersatz.sim.engine.EventSink;
import dev.ersatz.sim.engine.Independent;
import dev.ersatz.sim.engine.Rng;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.Version;
import dev.ersatz.core.model.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Simulates a population of patients, each over a whole life, with the given modules.
 *
 * <p><b>Who is simulated.</b> {@code population} is the number of patients alive at the end date, as in
 * Synthea's {@code -p}. Each living patient fills a slot: the slot draws a cell of the population table
 * (region, sex, age band), then a birth date that puts the patient in that band at the end date, and
 * simulates the life. A patient who dies before the end date is kept (a deceased record) and the slot
 * tries again with a new birth date in the same band, until someone is alive at the end. The living
 * population then follows the table (a multinomial draw from its weights) whatever the mortality, and
 * the deceased are the ones who would have filled the same places.
 *
 * <p><b>Determinism.</b> Slot {@code j} draws from the stream {@code (seed, j)} and its k-th life from
 * {@code (seed, j, k)}; ids are UUIDs hashed from the same keys. Patients never interact, so slots run
 * in parallel in fixed blocks ({@link Independent}) and come out in slot order: the same seed gives the
 * same population, the same records and the same ids on any number of threads. (Synthea needed three
 * seeds and deterministic UUIDs for the same guarantee.)
 */
public final class PatientSimulator {
    /** Patients per block of parallel work. */
    static final int BLOCK = 32;
    /** A slot that cannot produce a living patient in this many lives is an error (a table or module that kills everyone). */
    static final int MAX_LIVES = 500;

    private PatientSimulator() {}

    /** Run size, seed, end date; {@code threads} changes speed, never output. */
    public record Options(int population, long seed, int threads, LocalDate endDate) {
        public Options {
            if (population < 1) throw new InputException("--population", -1, null, String.valueOf(population), "needs at least one patient");
            if (threads < 1) throw new InputException("--threads", -1, null, String.valueOf(threads), "needs at least one thread");
        }

        public long endEpochSecond() {
            return endDate.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        }
    }

    /** The default end date: fixed, so a seed means the same population next year too. */
    public static final LocalDate DEFAULT_END = LocalDate.of(2025, 1, 1);

    /**
     * Simulates every slot; {@code sink} receives, per block of slots, the lives in slot order (the
     * deceased lives of a slot before its living one).
     */
    public static void run(List<Module> modules, PopulationTable table, Options o, EventSink<Life> sink, Progress progress) {
        run(modules, table, o, life -> life, sink, progress);
    }

    /**
     * As above, with each life mapped (on the worker thread that simulated it, so in parallel) before it
     * reaches {@code sink}: how FHIR bundles are encoded on all cores.
     */
    public static <E> void run(List<Module> modules, PopulationTable table, Options o, java.util.function.Function<Life, E> map,
                               EventSink<E> sink, Progress progress) {
        long end = o.endEpochSecond();
        Independent.<E>run(o.population(), o.seed(), BLOCK, o.threads(), (slot, rng, out) -> {
            int cell = table.draw(rng);
            PopulationTable.Cell c = table.cells().get(cell);
            for (int k = 0; k < MAX_LIVES; k++) {
                Rng life = new Rng(Rng.key(o.seed(), slot, k + 1));
                double age = c.ageLow() + life.nextDouble() * (c.ageHigh() - c.ageLow() + 1);
                long birth = end - (long) (age * Life.YEAR);
                Life p = new Life(o.seed(), slot, k, birth, end, c.sex(), c.region(), life);
                p.simulate(modules);
                out.accept(map.apply(p));
                if (p.alive()) return;
            }
            throw new InputException(table.source(), "nobody of " + c.sex() + " " + c.ageLow() + "-" + c.ageHigh() + " in " + c.region()
                    + " survived to the end date in " + MAX_LIVES + " lives: check the modules' death rates");
        }, sink, progress);
    }

    /** Output formats. */
    public enum Format { CSV, FHIR }

    /** What a written run holds. */
    public record Written(long lives, long alive, long[] csvRows, long bundles) {}

    /** An encoded FHIR bundle, with what the manifest counts. */
    private record Bundle(String id, String json, boolean alive, ConditionCounts.Summary conditions) {}

    /**
     * Simulates into the directory {@code out} (CSV tables, or one FHIR R4 bundle per patient under
     * {@code fhir/}) with {@code manifest.json}; the directory appears only when complete.
     */
    public static Written write(List<Module> modules, PopulationTable table, Options o, Format format, Path out, Progress progress) {
        long[] lives = new long[2];
        ConditionCounts labels = new ConditionCounts();
        try (OutputDirectory dir = new OutputDirectory(out)) {
            long[] rows = new long[CsvRecords.TABLES.size()];
            long bundles = 0;
            if (format == Format.CSV) {
                try (CsvRecords csv = new CsvRecords(dir)) {
                    run(modules, table, o, (b, ls) -> {
                        for (Life p : ls) {
                            csv.write(p);
                            labels.add(ConditionCounts.Summary.of(p));
                            lives[0]++;
                            if (p.alive()) lives[1]++;
                        }
                    }, progress);
                    csv.commit();
                    System.arraycopy(csv.rows, 0, rows, 0, rows.length);
                }
            } else {
                Path fhir = dir.resolve("fhir");
                try {
                    Files.createDirectory(fhir);
                } catch (IOException e) {
                    throw new InputException(out.toString(), "cannot write: " + e.getMessage());
                }
                FhirRecords.context();
                long[] count = {0};
                run(modules, table, o, p -> new Bundle(p.id, FhirRecords.json(p), p.alive(), ConditionCounts.Summary.of(p)), (b, bs) -> {
                    for (Bundle x : bs) {
                        try {
                            Files.writeString(fhir.resolve(x.id() + ".json"), x.json(), StandardCharsets.UTF_8);
                        } catch (IOException e) {
                            throw new InputException(out.toString(), "cannot write: " + e.getMessage());
                        }
                        labels.add(x.conditions());
                        count[0]++;
                        lives[0]++;
                        if (x.alive()) lives[1]++;
                    }
                }, progress);
                bundles = count[0];
            }
            Written w = new Written(lives[0], lives[1], rows, bundles);
            AtomicFiles.write(dir.resolve(OutputDirectory.MANIFEST), manifest(modules, table, o, format, w, labels));
            dir.commit();
            return w;
        }
    }

    static byte[] manifest(List<Module> modules, PopulationTable table, Options o, Format format, Written w, ConditionCounts labels) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode m = json.createObjectNode();
        m.put("ersatzManifest", 1);
        m.put("kind", "patients");
        m.put("library", "ersatz " + Version.get());
        m.put("seed", o.seed());
        m.put("population", o.population());
        m.put("endDate", o.endDate().toString());
        m.put("format", format.name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode mods = m.putArray("modules");
        for (Module mod : modules) {
            ObjectNode x = mods.addObject();
            x.put("name", mod.name);
            x.put("source", Path.of(mod.source).getFileName().toString());
            x.put("states", mod.stateCount());
            ArrayNode ts = x.putArray("targets");
            for (Module.Target t : mod.targets) {
                ObjectNode y = ts.addObject();
                y.put("system", t.condition().system());
                y.put("code", t.condition().code());
                y.put("display", t.condition().display());
                y.put("measure", t.measure());
                y.putArray("age").add(t.ageLow()).add(t.ageHigh());
                y.put("sex", t.sex());
                y.put("prevalence", t.prevalence());
                y.put("source", t.source());
            }
        }
        ObjectNode pt = m.putObject("populationTable");
        pt.put("source", table.source().startsWith("population.csv") ? table.source() : Path.of(table.source()).getFileName().toString());
        ArrayNode cells = pt.putArray("cells");
        for (PopulationTable.Cell c : table.cells()) {
            ObjectNode x = cells.addObject();
            x.put("region", c.region());
            x.put("sex", c.sex());
            x.putArray("age").add(c.ageLow()).add(c.ageHigh());
            x.put("weight", c.weight());
        }
        ObjectNode counts = m.putObject("counts");
        counts.put("lives", w.lives());
        counts.put("alive", w.alive());
        counts.put("deceased", w.lives() - w.alive());
        if (format == Format.CSV) {
            for (int i = 0; i < CsvRecords.TABLES.size(); i++) counts.put(CsvRecords.TABLES.get(i), w.csvRows()[i]);
        } else {
            counts.put("bundles", w.bundles());
        }
        // counts per label: per condition, lives that ever had it and living patients with it active at the end date
        ArrayNode byCondition = counts.putArray("byCondition");
        for (var e : labels.codes().entrySet()) {
            ObjectNode x = byCondition.addObject();
            x.put("system", e.getValue().system());
            x.put("code", e.getValue().code());
            x.put("display", e.getValue().display());
            x.put("lives", labels.lives(e.getKey()));
            x.put("livingWithActive", labels.livingActive(e.getKey()));
        }
        try {
            return json.writeValueAsBytes(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
