package dev.ersatz.augment.image;

import dev.ersatz.core.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.IndexColorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageCodecTest {
    @TempDir Path dir;

    @Test
    void paletteMask_keepsClassIdsAndPalette_throughAWarp() throws Exception {
        byte[] r = {0, (byte) 255, 0, 0}, g = {0, 0, (byte) 255, 0}, b = {0, 0, 0, (byte) 255};
        IndexColorModel palette = new IndexColorModel(2, 4, r, g, b);
        byte[] ids = new byte[16 * 8];
        for (int i = 0; i < ids.length; i++) ids[i] = (byte) (i % 4);
        Image mask = new Image(16, 8, 1, ids, palette);
        Path p = dir.resolve("m.png");
        Files.write(p, ImageCodec.encode(mask, "png", 100));
        Image back = ImageCodec.read(p, true);
        assertThat(back.data).isEqualTo(ids);
        assertThat(back.palette).isNotNull();
        assertThat(back.palette.getRed(1)).isEqualTo(255);
        // Nearest-neighbour keeps ids: nothing but 0..3 after a rotation.
        Image turned = Geometry.affine(GeometricTransforms.rotation(33, 8, 4), 16, 8).warp(back, true, Border.CONSTANT, new int[] {0});
        for (byte v : turned.data) assertThat(v & 255).isBetween(0, 3);
        assertThat(turned.palette).isSameAs(back.palette);
    }

    @Test
    void rgbAndGrey_roundTripThroughPng_andJpegIsClose() throws Exception {
        byte[] d = new byte[20 * 10 * 3];
        for (int i = 0; i < d.length; i++) d[i] = (byte) (i * 7);
        Image rgb = new Image(20, 10, 3, d);
        Path p = dir.resolve("a.png");
        Files.write(p, ImageCodec.encode(rgb, "png", 100));
        assertThat(ImageCodec.read(p, false)).isEqualTo(rgb);
        Image grey = new Image(20, 10, 1, Arrays.copyOf(d, 200));
        Files.write(p, ImageCodec.encode(grey, "png", 100));
        assertThat(ImageCodec.read(p, false)).isEqualTo(grey);
        Path j = dir.resolve("a.jpg");
        Files.write(j, ImageCodec.encode(Kernels.gaussianBlur(rgb, 5, 1.1), "jpeg", 95));
        Image back = ImageCodec.read(j, false);
        assertThat(back.channels).isEqualTo(3);
        assertThat(back.width).isEqualTo(20);
    }

    @Test
    void truncatedAndEmptyFiles_areOneLineNamingTheFile() throws Exception {
        byte[] d = new byte[64 * 64 * 3];
        new java.util.Random(1).nextBytes(d);
        Image img = new Image(64, 64, 3, d);
        for (String fmt : new String[] {"png", "jpeg"}) {
            byte[] bytes = ImageCodec.encode(img, fmt, 90);
            Path p = dir.resolve("t." + fmt);
            Files.write(p, Arrays.copyOf(bytes, bytes.length / 2));
            assertThatThrownBy(() -> ImageCodec.read(p, false)).isInstanceOf(InputException.class)
                    .hasMessageStartingWith(p.toString()).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        Path empty = dir.resolve("e.png");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> ImageCodec.read(empty, false)).hasMessageContaining("empty file");
        Path text = dir.resolve("x.png");
        Files.writeString(text, "not an image");
        assertThatThrownBy(() -> ImageCodec.read(text, false)).hasMessageContaining("not a PNG or JPEG");
    }
}
