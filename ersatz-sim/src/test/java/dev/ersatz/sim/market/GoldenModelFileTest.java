package dev.ersatz.sim.market;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Market model files of format version 1 keep loading and keep simulating the same paths.
 *
 * <p>The golden files were fitted to the first 301 EuStockMarkets closes of DAX and FTSE (seed 7);
 * beside each is the CSV of 2 paths × 5 days it simulated (seed 1, start price 100). A change to the
 * file layout or to the simulation's use of its random stream fails here. Prices are compared to
 * 1e-12 relative, not bit for bit: {@code Math.exp}/{@code log} may differ by an ulp between CPUs,
 * so bit-identity is promised on one machine (where the tests check it exactly), not across them.
 */
class GoldenModelFileTest {

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = GoldenModelFileTest.class.getResourceAsStream("/market/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void load_goldenV1Files_reserializeAndSimulateTheirPaths() throws Exception {
        for (String model : List.of("gjr-fhs", "garch-skewt")) {
            byte[] file = resource("golden-v1-" + model + ".ersatz");
            Path tmp = Files.createTempFile("golden", ".ersatz");
            try {
                Files.write(tmp, file);
                MarketModel m = MarketModel.load(tmp);
                assertThat(m.kind().label()).isEqualTo(model);
                assertThat(m.assets()).containsExactly("DAX", "FTSE");
                assertThat(m.toBytes()).as(model + " re-serialized").isEqualTo(file);
                Paths p = m.simulate(2, 5, new double[] {100, 100}, 1, Scenario.NONE, 1);
                List<String> rows = new String(resource("golden-v1-" + model + ".paths.csv"), StandardCharsets.UTF_8).lines().skip(1).toList();
                assertThat(rows).hasSize(12);
                for (String row : rows) {
                    String[] f = row.split(",");
                    int path = Integer.parseInt(f[0]) - 1, day = Integer.parseInt(f[1]);
                    for (int a = 0; a < 2; a++) {
                        double want = Double.parseDouble(f[2 + a]);
                        assertThat(p.price(a, path, day)).as(model + " " + row).isCloseTo(want, within(1e-12 * want));
                    }
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
