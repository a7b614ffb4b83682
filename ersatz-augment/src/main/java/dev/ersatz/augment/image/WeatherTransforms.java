package dev.ersatz.augment.image;

import java.util.SplittableRandom;

import static dev.ersatz.augment.image.GeometricTransforms.uniform;
import static dev.ersatz.augment.image.GeometricTransforms.uniformInt;

/**
 * Weather and lighting: fog, rain, snow, sun flare, shadow and night. Image-only (targets stay);
 * every random detail (noise fields, drops, flakes) comes from a seed among the parameters, and
 * sizes scale with the image, so a record replays exactly at any size. Grey images get the same
 * effects in grey.
 */
public final class WeatherTransforms {
    private WeatherTransforms() {}

    abstract static class Weather extends PhotometricTransforms.Pixel {
    }

    /** A low-frequency field in [−1, 1]: uniform noise on a coarse grid, smoothed and upsampled bilinearly. */
    static float[] cloud(SplittableRandom rng, int w, int h, int cell) {
        int gw = w / cell + 2, gh = h / cell + 2;
        float[] g = new float[gw * gh];
        for (int i = 0; i < g.length; i++) g[i] = (float) (rng.nextDouble() * 2 - 1);
        Kernels.smoothField(g, gw, gh, 1.0);
        float max = 1e-6f;
        for (float v : g) max = Math.max(max, Math.abs(v));
        float[] f = new float[w * h];
        for (int y = 0; y < h; y++) {
            double gy = (y + 0.5) / cell;
            int y0 = Math.min((int) gy, gh - 2);
            double ay = gy - y0;
            for (int x = 0; x < w; x++) {
                double gx = (x + 0.5) / cell;
                int x0 = Math.min((int) gx, gw - 2);
                double ax = gx - x0;
                double v = (g[y0 * gw + x0] * (1 - ax) + g[y0 * gw + x0 + 1] * ax) * (1 - ay)
                        + (g[(y0 + 1) * gw + x0] * (1 - ax) + g[(y0 + 1) * gw + x0 + 1] * ax) * ay;
                f[y * w + x] = (float) (v / max);
            }
        }
        return f;
    }

    /** Blends {@code img} towards {@code colour} with per-pixel weights {@code a} (0..256). */
    static Image blend(Image img, int[] a, int[] colour) {
        int ch = img.channels, cc = img.colourChannels();
        byte[] s = img.data, d = s.clone();
        for (int i = 0, p = 0; i < a.length; i++, p += ch) {
            int k = a[i];
            if (k == 0) continue;
            for (int c = 0; c < cc; c++) d[p + c] = (byte) (((s[p + c] & 255) * (256 - k) + colour[c] * k + 128) >> 8);
        }
        return img.with(d);
    }

    static int[] grey(int v) {
        return new int[] {v, v, v};
    }

    /**
     * Fog by the atmospheric scattering model {@code I = J·t + A·(1 − t)}, {@code t = exp(−β·d)}: the
     * depth proxy {@code d} grows towards the top of the image (the far road) and is modulated by a
     * low-frequency cloud so the fog is patchy; {@code fog_coef} sets β and {@code airlight} A.
     */
    static final class Fog extends Weather {
        final double[] coef, airlight;
        Fog(StepConfig c) {
            coef = c.range("fog_coef_range", new double[] {0.3, 0.6}, 0, 1, false);
            airlight = c.range("airlight_range", new double[] {200, 240}, 0, 255, false);
        }
        @Override public String type() { return "fog"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            return new Params().put("coef", uniform(rng, coef)).put("airlight", uniform(rng, airlight)).put("seed", rng.nextLong());
        }
        @Override Image apply(Image img, Params p) {
            int w = img.width, h = img.height;
            double beta = 3 * p.d("coef");
            float[] cloud = cloud(new SplittableRandom(p.l("seed")), w, h, Math.max(4, Math.max(w, h) / 8));
            int[] a = new int[w * h];
            for (int y = 0; y < h; y++) {
                double depth = 0.3 + 0.7 * (1 - (y + 0.5) / h);
                for (int x = 0; x < w; x++) {
                    double t = Math.exp(-beta * depth * (1 + 0.35 * cloud[y * w + x]));
                    a[y * w + x] = (int) Math.round((1 - t) * 256);
                }
            }
            return blend(img, a, grey((int) Math.round(p.d("airlight"))));
        }
    }

    /** Paints a soft anti-aliased segment (colour at alpha) by stepping half a pixel along it. */
    static void streak(int[] alpha, int w, int h, double x0, double y0, double x1, double y1, double width, int a) {
        double len = Math.hypot(x1 - x0, y1 - y0);
        int steps = Math.max(1, (int) Math.ceil(len * 2));
        double nx = len == 0 ? 0 : -(y1 - y0) / len, ny = len == 0 ? 0 : (x1 - x0) / len;
        int across = Math.max(1, (int) Math.round(width));
        for (int k = 0; k < across; k++) {
            double off = k - (across - 1) / 2.0;
            for (int i = 0; i <= steps; i++) {
                double t = (double) i / steps;
                int x = (int) Math.floor(x0 + (x1 - x0) * t + nx * off), y = (int) Math.floor(y0 + (y1 - y0) * t + ny * off);
                if (x < 0 || y < 0 || x >= w || y >= h) continue;
                int q = y * w + x;
                if (alpha[q] < a) alpha[q] = a;
            }
        }
    }

    /**
     * Rain: the scene dimmed ({@code brightness_coefficient}) and softened (a 3×3 blur, as through a
     * wet windscreen), then drops as slanted streaks of {@code drop_color} blended at 60%.
     */
    static final class Rain extends Weather {
        final double[] slant, density, brightness;
        final double length;
        final int[] colour;
        final int width;
        Rain(StepConfig c) {
            slant = c.range("slant_range", new double[] {-10, 10}, -60, 60, true);
            density = c.range("density_range", new double[] {0.001, 0.003}, 0, 0.05, false);
            length = c.number("drop_length", 0.04, 0.001, 1);
            width = c.integer("drop_width", 1, 1, 10);
            colour = c.fill("drop_color", new int[] {200, 200, 200});
            brightness = c.range("brightness_coefficient", new double[] {0.7, 0.85}, 0, 1, false);
        }
        @Override public String type() { return "rain"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            return new Params().put("slant", uniform(rng, slant)).put("density", uniform(rng, density))
                    .put("brightness", uniform(rng, brightness)).put("seed", rng.nextLong());
        }
        @Override Image apply(Image img, Params p) {
            int w = img.width, h = img.height;
            Image dim = Pixels.lut(img, Pixels.linearLut(p.d("brightness"), 0));
            dim = Kernels.gaussianBlur(dim, 3, Kernels.sigmaOf(3));
            SplittableRandom rng = new SplittableRandom(p.l("seed"));
            int drops = (int) Math.round(p.d("density") * w * h);
            double len = length * h, t = Math.toRadians(p.d("slant"));
            double dx = Math.sin(t) * len, dy = Math.cos(t) * len;
            double wd = Math.max(1, width * Math.max(w, h) / 512.0);
            int[] alpha = new int[w * h];
            for (int i = 0; i < drops; i++) {
                double x = rng.nextDouble() * (w + Math.abs(dx)) - Math.max(0, dx), y = rng.nextDouble() * (h + len) - len;
                streak(alpha, w, h, x, y, x + dx, y + dy, wd, 154);
            }
            int[] col = {colour[0], colour[Math.min(1, colour.length - 1)], colour[Math.min(2, colour.length - 1)]};
            if (img.channels < 3) col = grey((col[0] * 77 + col[1] * 150 + col[2] * 29) >> 8);
            return blend(dim, alpha, col);
        }
    }

    /**
     * Snow: the scene whitened in proportion to {@code snow_point} (brighter areas more, as snow
     * settles on lit surfaces), then soft round flakes of random size.
     */
    static final class Snow extends Weather {
        final double[] amount;
        Snow(StepConfig c) { amount = c.range("snow_point_range", new double[] {0.1, 0.3}, 0, 1, false); }
        @Override public String type() { return "snow"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            return new Params().put("amount", uniform(rng, amount)).put("seed", rng.nextLong());
        }
        @Override Image apply(Image img, Params p) {
            int w = img.width, h = img.height;
            double amt = p.d("amount");
            int[] luma = Pixels.luma(img);
            int[] a = new int[w * h];
            for (int i = 0; i < a.length; i++) a[i] = (int) Math.round(256 * amt * (0.3 + 0.7 * luma[i] / 255.0));
            Image white = blend(img, a, grey(250));
            SplittableRandom rng = new SplittableRandom(p.l("seed"));
            int flakes = (int) Math.round(amt * w * h * 0.02);
            double scale = Math.max(1, Math.max(w, h) / 512.0);
            int[] fa = new int[w * h];
            for (int i = 0; i < flakes; i++) {
                double cx = rng.nextDouble() * w, cy = rng.nextDouble() * h;
                double r = (0.8 + 2.5 * rng.nextDouble() * rng.nextDouble()) * scale;
                disc(fa, w, h, cx, cy, r, 230);
            }
            return blend(white, fa, grey(255));
        }
    }

    /** A soft disc: alpha falls from {@code a} at the centre to 0 at radius r (max-combined). */
    static void disc(int[] alpha, int w, int h, double cx, double cy, double r, int a) {
        int x0 = Math.max(0, (int) Math.floor(cx - r)), x1 = Math.min(w - 1, (int) Math.ceil(cx + r));
        int y0 = Math.max(0, (int) Math.floor(cy - r)), y1 = Math.min(h - 1, (int) Math.ceil(cy + r));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) / r;
                if (d >= 1) continue;
                int v = (int) Math.round(a * (1 - d * d));
                int q = y * w + x;
                if (alpha[q] < v) alpha[q] = v;
            }
        }
    }

    /**
     * Sun flare: a bright glow around a source in {@code flare_roi} (screen-blended, falling off
     * with the square of the distance), and translucent circles strung along a line through it at a
     * random angle, as lens reflections.
     */
    static final class SunFlare extends Weather {
        final double[] roi;
        final int[] circles;
        final double radius;
        SunFlare(StepConfig c) {
            double[] r = new double[] {0, 0, 1, 0.5};
            if (c.has("flare_roi")) {
                com.fasterxml.jackson.databind.JsonNode n = c.node().get("flare_roi");
                if (!n.isArray() || n.size() != 4) throw c.error("flare_roi", "must be [x_min, y_min, x_max, y_max] as shares of the size");
                for (int i = 0; i < 4; i++) {
                    r[i] = n.get(i).asDouble(-1);
                    if (r[i] < 0 || r[i] > 1) throw c.error("flare_roi", "values must be between 0 and 1, got " + n);
                }
                if (r[2] < r[0] || r[3] < r[1]) throw c.error("flare_roi", "x_max and y_max must not be below x_min and y_min");
            }
            roi = r;
            circles = c.intRange("num_flare_circles_range", new int[] {6, 10}, 0, 100);
            radius = c.number("src_radius", 0.3, 0.01, 2);
        }
        @Override public String type() { return "sun_flare"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            double x = (roi[0] + (roi[2] - roi[0]) * rng.nextDouble()) * s.width();
            double y = (roi[1] + (roi[3] - roi[1]) * rng.nextDouble()) * s.height();
            return new Params().put("x", x).put("y", y).put("angle", rng.nextDouble() * 360)
                    .put("circles", uniformInt(rng, circles)).put("seed", rng.nextLong());
        }
        @Override Image apply(Image img, Params p) {
            int w = img.width, h = img.height;
            double sx = p.d("x"), sy = p.d("y"), R = radius * Math.max(w, h);
            int[] glow = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double d = Math.hypot(x + 0.5 - sx, y + 0.5 - sy) / R;
                    if (d < 1) glow[y * w + x] = (int) Math.round(240 * (1 - d) * (1 - d));
                }
            }
            Image out = blend(img, glow, img.channels < 3 ? grey(255) : new int[] {255, 250, 230});
            SplittableRandom rng = new SplittableRandom(p.l("seed"));
            double t = Math.toRadians(p.d("angle")), ux = Math.cos(t), uy = Math.sin(t);
            int n = p.i("circles");
            for (int i = 0; i < n; i++) {
                double along = (rng.nextDouble() * 1.6 - 0.2) * Math.max(w, h);
                double cx = sx + ux * along, cy = sy + uy * along;
                double r = (0.02 + 0.08 * rng.nextDouble()) * Math.max(w, h);
                int alpha = 20 + rng.nextInt(40);
                int[] a = new int[w * h];
                disc(a, w, h, cx, cy, r, alpha);
                int[] col = img.channels < 3 ? grey(255) : new int[] {255, 200 + rng.nextInt(56), 150 + rng.nextInt(106)};
                out = blend(out, a, col);
            }
            return out;
        }
    }

    /**
     * Shadows: {@code num_shadows} random polygons of {@code shadow_dimension} vertices within
     * {@code shadow_roi}, whose pixels are darkened by {@code shadow_intensity}.
     */
    static final class Shadow extends Weather {
        final double[] roi = {0, 0.5, 1, 1};
        final int[] count;
        final int vertices;
        final double[] intensity;
        Shadow(StepConfig c) {
            if (c.has("shadow_roi")) {
                com.fasterxml.jackson.databind.JsonNode n = c.node().get("shadow_roi");
                if (!n.isArray() || n.size() != 4) throw c.error("shadow_roi", "must be [x_min, y_min, x_max, y_max] as shares of the size");
                for (int i = 0; i < 4; i++) {
                    roi[i] = n.get(i).asDouble(-1);
                    if (roi[i] < 0 || roi[i] > 1) throw c.error("shadow_roi", "values must be between 0 and 1, got " + n);
                }
            }
            count = c.intRange("num_shadows_range", new int[] {1, 2}, 1, 20);
            vertices = c.integer("shadow_dimension", 5, 3, 20);
            intensity = c.range("shadow_intensity_range", new double[] {0.4, 0.6}, 0, 1, false);
        }
        @Override public String type() { return "shadow"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            int n = uniformInt(rng, count);
            double[] pts = new double[n * vertices * 2];
            for (int i = 0; i < n * vertices; i++) {
                pts[2 * i] = (roi[0] + (roi[2] - roi[0]) * rng.nextDouble()) * s.width();
                pts[2 * i + 1] = (roi[1] + (roi[3] - roi[1]) * rng.nextDouble()) * s.height();
            }
            return new Params().put("vertices", vertices).put("polygons", pts).put("intensity", uniform(rng, intensity));
        }
        @Override Image apply(Image img, Params p) {
            int w = img.width, h = img.height, v = p.i("vertices");
            double[] pts = p.ds("polygons");
            int[] a = new int[w * h];
            int dark = (int) Math.round(256 * p.d("intensity"));
            for (int poly = 0; poly * v * 2 < pts.length; poly++) {
                double[] xs = new double[v], ys = new double[v];
                for (int k = 0; k < v; k++) {
                    xs[k] = pts[(poly * v + k) * 2];
                    ys[k] = pts[(poly * v + k) * 2 + 1];
                }
                orderAroundCentre(xs, ys);
                fillPolygon(a, w, h, xs, ys, dark);
            }
            return blend(img, a, new int[] {0, 0, 0});
        }
    }

    /** Orders vertices by angle around their mean, so random points make a simple (star-shaped) polygon. */
    static void orderAroundCentre(double[] xs, double[] ys) {
        int n = xs.length;
        double cx = 0, cy = 0;
        for (int i = 0; i < n; i++) { cx += xs[i]; cy += ys[i]; }
        cx /= n;
        cy /= n;
        Integer[] idx = new Integer[n];
        double[] ang = new double[n];
        for (int i = 0; i < n; i++) { idx[i] = i; ang[i] = Math.atan2(ys[i] - cy, xs[i] - cx); }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(ang[a], ang[b]));
        double[] x2 = new double[n], y2 = new double[n];
        for (int i = 0; i < n; i++) { x2[i] = xs[idx[i]]; y2[i] = ys[idx[i]]; }
        System.arraycopy(x2, 0, xs, 0, n);
        System.arraycopy(y2, 0, ys, 0, n);
    }

    /** Sets {@code a} to {@code value} at pixels whose centre is inside the polygon (even-odd rule, scanlines). */
    static void fillPolygon(int[] a, int w, int h, double[] xs, double[] ys, int value) {
        int n = xs.length;
        double[] cross = new double[n];
        for (int y = 0; y < h; y++) {
            double cy = y + 0.5;
            int m = 0;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                if ((ys[i] > cy) != (ys[j] > cy)) cross[m++] = xs[i] + (cy - ys[i]) / (ys[j] - ys[i]) * (xs[j] - xs[i]);
            }
            java.util.Arrays.sort(cross, 0, m);
            for (int k = 0; k + 1 < m; k += 2) {
                int x0 = Math.max(0, (int) Math.ceil(cross[k] - 0.5)), x1 = Math.min(w - 1, (int) Math.floor(cross[k + 1] - 0.5));
                for (int x = x0; x <= x1; x++) a[y * w + x] = Math.max(a[y * w + x], value);
            }
        }
    }

    /**
     * Night: low light with sensor noise. Values are darkened by a gamma curve and a gain
     * ({@code brightness_range}), shifted towards blue, then Gaussian noise is added whose strength
     * grows as the light falls (the camera's gain amplifies it).
     */
    static final class Night extends Weather {
        final double[] brightness, gamma, noise;
        Night(StepConfig c) {
            brightness = c.range("brightness_range", new double[] {0.2, 0.45}, 0.01, 1, false);
            gamma = c.range("gamma_range", new double[] {1.2, 1.6}, 0.1, 5, false);
            noise = c.range("noise_range", new double[] {0.01, 0.03}, 0, 0.5, false);
        }
        @Override public String type() { return "night"; }
        @Override public Params draw(SplittableRandom rng, Sample s, Context ctx) {
            return new Params().put("brightness", uniform(rng, brightness)).put("gamma", uniform(rng, gamma))
                    .put("noise", uniform(rng, noise)).put("seed", rng.nextLong());
        }
        @Override Image apply(Image img, Params p) {
            double b = p.d("brightness"), g = p.d("gamma");
            double[] tint = img.channels >= 3 ? new double[] {0.85, 0.95, 1.15} : new double[] {1, 1, 1};
            byte[][] luts = new byte[3][256];
            for (int c = 0; c < 3; c++) {
                for (int v = 0; v < 256; v++) luts[c][v] = (byte) Pixels.clamp(255 * Math.pow(v / 255.0, g) * b * tint[c]);
            }
            byte[] s = img.data, d = s.clone();
            int ch = img.channels, cc = img.colourChannels();
            for (int q = 0; q < s.length; q += ch) for (int c = 0; c < cc; c++) d[q + c] = luts[c][s[q + c] & 255];
            double std = p.d("noise") * 255 / Math.sqrt(b);
            return Pixels.gaussianNoise(img.with(d), std, 0, true, p.l("seed"));
        }
    }
}
