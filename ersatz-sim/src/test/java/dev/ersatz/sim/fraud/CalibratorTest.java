package dev.ersatz.sim.fraud;

import dev.ersatz.core.Progress;
import dev.ersatz.sim.engine.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A profile learned from a log drives a world that reproduces the log's aggregates. */
class CalibratorTest {
    @TempDir Path dir;

    /** A profile unlike the default: other shares, a night-heavy cash-out rhythm, other amounts. */
    static Profile unusual() {
        double[] night = new double[24], flat = {1, 1, 1, 1, 1, 1, 1}, busy = {1, 1, 1, 1, 2, 3, 0.5};
        for (int h = 0; h < 24; h++) night[h] = h < 6 || h > 20 ? 3 : 1;
        double[] day = new double[24];
        for (int h = 0; h < 24; h++) day[h] = h >= 8 && h <= 18 ? 2 : 0.2;
        Map<TxType, Profile.TypeProfile> m = new EnumMap<>(TxType.class);
        m.put(TxType.CASH_IN, new Profile.TypeProfile(0.25, day, flat, 0.1, AmountDistribution.lognormal(400, 1.2), null, null, null));
        m.put(TxType.CASH_OUT, new Profile.TypeProfile(0.30, night, busy, 0.5, AmountDistribution.lognormal(150, 0.8), null, null, null));
        m.put(TxType.TRANSFER, new Profile.TypeProfile(0.25, day, busy, 0.2, AmountDistribution.lognormal(900, 1.6), null, null, null));
        m.put(TxType.PAYMENT, new Profile.TypeProfile(0.20, day, flat, 0.0, AmountDistribution.lognormal(20, 0.7), null, null, null));
        return new Profile("unusual", 4.0, m, null);
    }

    @Test
    void calibrate_thenSimulate_reproducesTheLogsAggregates() throws Exception {
        Path log = dir.resolve("real.csv"), profile = dir.resolve("profile.json"), again = dir.resolve("again.parquet");
        Scenario original = Scenario.defaults().withProfile(unusual(), "unusual");
        TransactionSimulator.Result a = TransactionSimulator.write(original, new TransactionSimulator.Options(3000, 14, 5, 2), log, Progress.NONE);
        Files.delete(TransactionSimulator.manifestPath(log));   // a real log comes with no manifest

        Profile learned = Calibrator.calibrate(log, Calibrator.Columns.paysim());
        learned.write(profile);
        String json = Files.readString(profile);
        assertThat(json).doesNotContain("nameOrig").doesNotContain("nameDest");
        // per-client rate: 4 a day, less the unaffordable attempts, plus pattern rows; clients counted from the log
        assertThat(learned.perClientDay()).isBetween(3.6, 4.6);
        for (TxType t : TxType.ALL) {
            // shares: binomial sd at 170,000 rows is under 0.0012; pattern rows shift a share by at most 0.003
            assertThat(learned.share(t)).as(t.name()).isCloseTo(unusual().share(t), org.assertj.core.data.Offset.offset(0.008));
        }
        assertThat(learned.type(TxType.CASH_OUT).roundShare()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.02));

        TransactionSimulator.Result b = TransactionSimulator.write(Scenario.defaults().withProfile(Profile.read(profile), "profile.json"),
                new TransactionSimulator.Options(3000, 14, 6, 2), again, Progress.NONE);
        Report r = TransactionValidator.validate(again, 2, false, Progress.NONE);
        assertThat(r.checks().stream().filter(c -> !c.pass()).map(Report.Check::name)).isEmpty();
        // and against the original log directly: totals per type within 4 sd of Poisson plus population noise.
        // The profile learned everything in the log, typologies and look-alikes included, so the second
        // run's ordinary activity alone stands for the whole first log.
        for (TxType t : TxType.ALL) {
            double x = a.byType[t.ordinal()], y = b.byType[t.ordinal()];
            for (long e : b.extras[t.ordinal()]) y -= e;
            double sd = Math.sqrt(2 * (x + x * x * 1.2 / 3000));
            assertThat(Math.abs(x - y)).as(t.name()).isLessThanOrEqualTo(4 * sd + 1);
        }
    }

    @Test
    void calibrate_timestampsAndOtherColumnNames() throws Exception {
        Path log = dir.resolve("bank.csv");
        StringBuilder sb = new StringBuilder("when,kind,value,account\n");
        dev.ersatz.sim.engine.Rng rng = new dev.ersatz.sim.engine.Rng(3);
        for (int i = 0; i < 5000; i++) {
            int day = 1 + rng.nextInt(28), hour = rng.chance(0.8) ? 9 + rng.nextInt(8) : rng.nextInt(24);
            String kind = rng.chance(0.7) ? "PURCHASE" : "WITHDRAWAL";
            sb.append(String.format(java.util.Locale.ROOT, "2024-02-%02dT%02d:%02d:00,%s,%.2f,acct%d%n", day, hour, rng.nextInt(60), kind,
                    Math.exp(3 + rng.nextGaussian()), rng.nextInt(200)));
        }
        Files.writeString(log, sb);
        Profile p = Calibrator.calibrate(log, new Calibrator.Columns("kind", "value", "when", "account", null,
                Calibrator.parseTypeMap("PURCHASE=CARD,WITHDRAWAL=CASH_OUT"), 0));
        assertThat(p.share(TxType.CARD)).isCloseTo(0.7, org.assertj.core.data.Offset.offset(0.03));
        assertThat(p.source().get("time").asText()).isEqualTo("timestamps");
        assertThat(p.source().get("clients").asLong()).isEqualTo(200);
        double[] h = p.type(TxType.CARD).hourOfDay();
        assertThat(h[12]).isGreaterThan(5 * h[3]);
        // 5,000 rows / 200 clients / 28 days
        assertThat(p.perClientDay()).isCloseTo(5000.0 / 200 / 28, org.assertj.core.data.Offset.offset(0.01));
    }
}
