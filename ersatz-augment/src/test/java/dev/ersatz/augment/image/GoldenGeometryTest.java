package dev.ersatz.augment.image;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Golden values computed by hand that pin the pixel-centre convention: pixel i covers [i, i+1), its
 * centre is i + 0.5, and boxes and keypoints share that plane (ARCHITECTURE.md). Under OpenCV's
 * warpAffine convention (centres at integers) the scale-by-2 case below would give
 * [40, 70, 100, 100] instead of [40, 55, 85, 100].
 */
class GoldenGeometryTest {
    static Image row(int... v) {
        byte[] d = new byte[v.length];
        for (int i = 0; i < v.length; i++) d[i] = (byte) v[i];
        return new Image(v.length, 1, 1, d);
    }

    static int[] values(Image img) {
        int[] v = new int[img.data.length];
        for (int i = 0; i < v.length; i++) v[i] = img.data[i] & 255;
        return v;
    }

    @Test
    void scaleByTwo_halfPixelCentres_handComputed() {
        // x' = 2x: output centre X + 0.5 reads input (X + 0.5) / 2, i.e. index (X + 0.5) / 2 - 0.5:
        // X=0 -> -0.25 (edge repeated: 40), X=1 -> 0.25: 0.75·40 + 0.25·100 = 55, X=2 -> 0.75: 85, X=3 -> 1.25 (edge: 100).
        Image out = Geometry.affine(new double[] {2, 0, 0, 0, 1, 0}, 4, 1).warp(row(40, 100), false, Border.REPLICATE, null);
        assertThat(values(out)).containsExactly(40, 55, 85, 100);
        // The separable resize kernel uses the same alignment.
        assertThat(values(Kernels.resize(row(40, 100), 4, 1, false))).containsExactly(40, 55, 85, 100);
    }

    @Test
    void halfPixelShift_constantBorder_blendsWithFill() {
        // x' = x + 0.5: output 0 reads index -0.5 = half fill (0), half 40 -> 20; output 1 reads 0.5 -> 70.
        Image out = Geometry.affine(new double[] {1, 0, 0.5, 0, 1, 0}, 2, 1).warp(row(40, 100), false, Border.CONSTANT, new int[] {0});
        assertThat(values(out)).containsExactly(20, 70);
        Image rep = Geometry.affine(new double[] {1, 0, 0.5, 0, 1, 0}, 2, 1).warp(row(40, 100), false, Border.REPLICATE, null);
        assertThat(values(rep)).containsExactly(40, 70);
    }

    @Test
    void borders_indexMapping() {
        assertThat(Border.REFLECT101.index(-1, 5)).isEqualTo(1);
        assertThat(Border.REFLECT101.index(5, 5)).isEqualTo(3);
        assertThat(Border.REFLECT.index(-1, 5)).isEqualTo(0);
        assertThat(Border.REFLECT.index(5, 5)).isEqualTo(4);
        assertThat(Border.REPLICATE.index(-7, 5)).isEqualTo(0);
        assertThat(Border.CONSTANT.index(5, 5)).isEqualTo(-1);
    }

    static Sample sample3x3() {
        byte[] d = new byte[9];
        for (int i = 0; i < 9; i++) d[i] = (byte) (i * 10);
        Image img = new Image(3, 3, 1, d);
        Box box = new Box(0, 0, 1, 1, "b");
        Keypoint k = new Keypoint(0.5, 0.5, "k");
        return new Sample(img, img.copy(), List.of(box), List.of(k), Map.of());
    }

    @Test
    void rotate90_counterClockwise_movesPixelsBoxesAndPointsAlike() {
        Transform rot = new GeometricTransforms.Rotate(new StepConfig(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), "t", "t"));
        Sample s = sample3x3();
        Sample r = rot.apply(s, new Params().put("angle", 90.0), Context.DEFAULT);
        // Counter-clockwise on screen: the top-left pixel goes to the bottom-left; out[y'][x'] = in[x'][2 - y'].
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                assertThat(r.image().get(x, y, 0)).as("(%d,%d)", x, y).isEqualTo(s.image().get(2 - y, x, 0));
                assertThat(r.mask().get(x, y, 0)).isEqualTo(s.image().get(2 - y, x, 0));
            }
        }
        Box b = r.boxes().get(0);
        assertThat(new double[] {b.x0(), b.y0(), b.x1(), b.y1()}).containsExactly(new double[] {0, 2, 1, 3}, within(1e-9));
        assertThat(r.keypoints().get(0).x()).isCloseTo(0.5, within(1e-9));
        assertThat(r.keypoints().get(0).y()).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void horizontalFlip_boxAndPoint_handComputed() {
        Image img = Image.blank(100, 50, 3);
        img.set(10, 5, 0, 200);
        Sample s = new Sample(img, null, List.of(new Box(10, 20, 30, 40, null)), List.of(new Keypoint(10.5, 5.5, null)), Map.of());
        Sample f = new GeometricTransforms.HorizontalFlip(emptyConfig()).apply(s, new Params(), Context.DEFAULT);
        Box b = f.boxes().get(0);
        assertThat(new double[] {b.x0(), b.y0(), b.x1(), b.y1()}).containsExactly(70, 20, 90, 40);
        assertThat(f.keypoints().get(0).x()).isEqualTo(89.5);
        assertThat(f.image().get(89, 5, 0)).isEqualTo(200);
    }

    @Test
    void rotate45_outlineGrowsBySqrt2_ellipseStaysTight() {
        Box b = new Box(40, 40, 60, 60, null);
        Geometry g = Geometry.affine(GeometricTransforms.rotation(45, 50, 50), 100, 100);
        double h = 10 * Math.sqrt(2);
        Box outline = g.moveBox(b, new TargetRules(TargetRules.BoxShape.OUTLINE, 0, 0));
        assertThat(outline.x0()).isCloseTo(50 - h, within(1e-9));
        assertThat(outline.x1()).isCloseTo(50 + h, within(1e-9));
        Box ellipse = g.moveBox(b, new TargetRules(TargetRules.BoxShape.ELLIPSE, 0, 0));
        assertThat(ellipse.x0()).isCloseTo(40, within(1e-9));
        assertThat(ellipse.y1()).isCloseTo(60, within(1e-9));
    }

    @Test
    void clip_keepsBoxesInsideTheImage_andFiltersByVisibilityAndArea() {
        // Shift right by 90 px in a 100-px image: box [0, 0, 20, 10] becomes [90, 0, 110, 10] -> clipped [90, 0, 100, 10], visible 0.5.
        Geometry g = Geometry.affine(new double[] {1, 0, 90, 0, 1, 0}, 100, 100);
        Box b = new Box(0, 0, 20, 10, null);
        Box kept = g.moveBox(b, new TargetRules(TargetRules.BoxShape.OUTLINE, 0, 0.5));
        assertThat(new double[] {kept.x0(), kept.y0(), kept.x1(), kept.y1()}).containsExactly(90, 0, 100, 10);
        assertThat(g.moveBox(b, new TargetRules(TargetRules.BoxShape.OUTLINE, 0, 0.51))).isNull();
        assertThat(g.moveBox(b, new TargetRules(TargetRules.BoxShape.OUTLINE, 101, 0))).isNull();
        assertThat(g.moveBox(b, new TargetRules(TargetRules.BoxShape.OUTLINE, 100, 0))).isNotNull();
        // Moved entirely out: dropped, never written outside [0, 1].
        assertThat(Geometry.affine(new double[] {1, 0, 200, 0, 1, 0}, 100, 100).moveBox(b, TargetRules.DEFAULT)).isNull();
    }

    @Test
    void perspective_quadToQuad_mapsCorners() {
        double[] src = {10, 5, 90, 0, 100, 100, 0, 95};
        double[] dst = {0, 0, 100, 0, 100, 100, 0, 100};
        Geometry g = Geometry.perspective(Geometry.quadToQuad(src, dst), 100, 100);
        for (int k = 0; k < 4; k++) {
            double[] xy = {src[2 * k], src[2 * k + 1]};
            g.forward(xy);
            assertThat(xy[0]).isCloseTo(dst[2 * k], within(1e-9));
            assertThat(xy[1]).isCloseTo(dst[2 * k + 1], within(1e-9));
        }
    }

    @Test
    void gaussianTaps_sumTo256_andSymmetric() {
        int[] k = Kernels.gaussianTaps(5, Kernels.sigmaOf(5));
        assertThat(java.util.Arrays.stream(k).sum()).isEqualTo(256);
        assertThat(k[0]).isEqualTo(k[4]);
        assertThat(k[1]).isEqualTo(k[3]);
        // A flat image stays flat (Java2D's ConvolveOp turns 200 into 198; see LIBRARIES.md).
        byte[] d = new byte[32 * 32 * 3];
        java.util.Arrays.fill(d, (byte) 200);
        Image blurred = Kernels.gaussianBlur(new Image(32, 32, 3, d), 7, 2.0);
        for (byte v : blurred.data) assertThat(v & 255).isEqualTo(200);
    }

    static StepConfig emptyConfig() {
        return new StepConfig(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), "t", "t");
    }
}
