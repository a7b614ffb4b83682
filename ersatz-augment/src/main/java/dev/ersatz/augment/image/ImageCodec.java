package dev.ersatz.augment.image;

import dev.ersatz.core.InputException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Point;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * PNG and JPEG in and out through the JDK's ImageIO, converted to and from {@link Image} without
 * going through {@code getRGB} for the common layouts (grey, BGR, ABGR, indexed).
 *
 * <p><b>Bad files.</b> A file ImageIO cannot decode, or that decodes with a warning (a truncated
 * JPEG decodes to a grey-filled image with "Premature end of JPEG file"), is refused with an
 * {@link InputException} naming the file.
 */
public final class ImageCodec {
    private ImageCodec() {}

    /** The output format of a path's extension: "png" or "jpeg", or null. */
    public static String formatOf(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) return "png";
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) return "jpeg";
        return null;
    }

    /** Reads an image file; {@code mask} keeps palette indices and grey values as they are. */
    public static Image read(Path file, boolean mask) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read: " + e.getMessage());
        }
        return decode(bytes, file.toString(), mask);
    }

    public static Image decode(byte[] bytes, String name, boolean mask) {
        if (bytes.length == 0) throw new InputException(name, "empty file, not an image");
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new InputException(name, "not a PNG or JPEG image (unknown format)");
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            try {
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                reader.setInput(in, true, true);
                BufferedImage bi = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new InputException(name, "damaged " + reader.getFormatName().toUpperCase(Locale.ROOT) + " image: " + warnings.get(0));
                }
                return fromBuffered(bi, mask);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) throw ie;
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InputException(name, "cannot decode image (truncated or damaged?): " + m.replace('\n', ' '));
        }
    }

    /** Converts a decoded image: grey stays 1 channel, colour becomes RGB or RGBA, masks keep indices. */
    public static Image fromBuffered(BufferedImage bi, boolean mask) {
        int w = bi.getWidth(), h = bi.getHeight();
        Raster r = bi.getRaster();
        int type = bi.getType();
        if (bi.getColorModel() instanceof IndexColorModel icm && r.getNumBands() == 1
                && r.getDataBuffer().getDataType() == DataBuffer.TYPE_BYTE && (mask || isGreyPalette(icm))) {
            byte[] d = new byte[w * h];
            r.getDataElements(0, 0, w, h, d);
            if (mask) return new Image(w, h, 1, d, icm);
            byte[] g = new byte[w * h];
            for (int i = 0; i < d.length; i++) g[i] = (byte) icm.getRed(d[i] & 255);
            return new Image(w, h, 1, g);
        }
        if (type == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] d = new byte[w * h];
            r.getDataElements(0, 0, w, h, d);
            return new Image(w, h, 1, d);
        }
        if (type == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] s = ((DataBufferByte) r.getDataBuffer()).getData();
            if (s.length == w * h * 3 && r.getSampleModelTranslateX() == 0 && r.getSampleModelTranslateY() == 0) {
                byte[] d = new byte[s.length];
                for (int i = 0; i < s.length; i += 3) {
                    d[i] = s[i + 2];
                    d[i + 1] = s[i + 1];
                    d[i + 2] = s[i];
                }
                return new Image(w, h, 3, d);
            }
        }
        if (mask && r.getNumBands() == 1) {
            // 16-bit grey masks: keep the low 8 bits of each value (class ids are small).
            int[] v = r.getSamples(0, 0, w, h, 0, (int[]) null);
            byte[] d = new byte[w * h];
            for (int i = 0; i < v.length; i++) d[i] = (byte) v[i];
            return new Image(w, h, 1, d);
        }
        boolean alpha = bi.getColorModel().hasAlpha();
        if (!alpha && bi.getColorModel().getNumColorComponents() == 1) {
            // 16-bit grey: scale to 8 bits.
            int[] v = r.getSamples(0, 0, w, h, 0, (int[]) null);
            int bits = bi.getColorModel().getComponentSize(0);
            byte[] d = new byte[w * h];
            for (int i = 0; i < v.length; i++) d[i] = (byte) (bits > 8 ? v[i] >> (bits - 8) : v[i]);
            return new Image(w, h, 1, d);
        }
        int ch = alpha ? 4 : 3;
        int[] argb = bi.getRGB(0, 0, w, h, null, 0, w);
        byte[] d = new byte[w * h * ch];
        for (int i = 0, p = 0; i < argb.length; i++, p += ch) {
            int v = argb[i];
            d[p] = (byte) (v >> 16);
            d[p + 1] = (byte) (v >> 8);
            d[p + 2] = (byte) v;
            if (alpha) d[p + 3] = (byte) (v >>> 24);
        }
        return new Image(w, h, ch, d);
    }

    private static boolean isGreyPalette(IndexColorModel icm) {
        for (int i = 0; i < icm.getMapSize(); i++) {
            if (icm.getRed(i) != icm.getGreen(i) || icm.getRed(i) != icm.getBlue(i) || icm.getAlpha(i) != 255) return false;
        }
        return true;
    }

    /** A BufferedImage sharing nothing with {@code img}: grey, RGB(A) in an interleaved raster, or indexed. */
    public static BufferedImage toBuffered(Image img) {
        int w = img.width, h = img.height, ch = img.channels;
        byte[] copy = img.data.clone();
        if (img.palette != null && ch == 1) {
            BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, img.palette);
            bi.getRaster().setDataElements(0, 0, w, h, copy);
            return bi;
        }
        if (ch == 1) {
            BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            bi.getRaster().setDataElements(0, 0, w, h, copy);
            return bi;
        }
        if (ch == 2) throw new IllegalArgumentException("two-channel images are not written");
        boolean alpha = ch == 4;
        int[] offsets = alpha ? new int[] {0, 1, 2, 3} : new int[] {0, 1, 2};
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), alpha, false,
                alpha ? java.awt.Transparency.TRANSLUCENT : java.awt.Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        PixelInterleavedSampleModel sm = new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, w, h, ch, w * ch, offsets);
        WritableRaster raster = Raster.createWritableRaster(sm, new DataBufferByte(copy, copy.length), new Point(0, 0));
        return new BufferedImage(cm, raster, false, null);
    }

    /** Encodes as PNG or JPEG ({@code quality} 1..100, JPEG only; alpha is dropped for JPEG). */
    public static byte[] encode(Image img, String format, int quality) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(img.data.length / 2 + 1024);
            if ("png".equals(format)) {
                if (!ImageIO.write(toBuffered(img), "png", bytes)) throw new IllegalStateException("no PNG writer");
                return bytes.toByteArray();
            }
            Image rgb = img.channels == 4 ? dropAlpha(img) : img;
            if (rgb.palette != null) rgb = new Image(rgb.width, rgb.height, 1, rgb.data);
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam wp = writer.getDefaultWriteParam();
                wp.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                wp.setCompressionQuality(quality / 100f);
                writer.write(null, new IIOImage(toBuffered(rgb), null, null), wp);
            } finally {
                writer.dispose();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode image: " + e.getMessage(), e);
        }
    }

    static Image dropAlpha(Image img) {
        int n = img.width * img.height;
        byte[] d = new byte[n * 3];
        for (int i = 0; i < n; i++) System.arraycopy(img.data, i * 4, d, i * 3, 3);
        return new Image(img.width, img.height, 3, d);
    }

    static Image withAlpha(Image rgb, Image alphaFrom) {
        int n = rgb.width * rgb.height;
        byte[] d = new byte[n * 4];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rgb.data, i * 3, d, i * 4, 3);
            d[i * 4 + 3] = alphaFrom.data[i * 4 + 3];
        }
        return new Image(rgb.width, rgb.height, 4, d);
    }
}
