package dev.ersatz.core.image;

import dev.ersatz.core.InputException;
import dev.ersatz.core.model.AtomicFiles;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * Reads and writes single PNG and JPEG files through the JDK's ImageIO.
 *
 * <p>Reading treats ImageIO's warnings as errors: a truncated JPEG otherwise comes back as a
 * half-grey image with only a warning ("Premature end of JPEG file"). Writing goes through a temp
 * file and a move ({@link AtomicFiles}), so no half-written image is ever left in place.
 */
public final class ImageFiles {
    private ImageFiles() {}

    /** The image formats read and written. */
    public enum Format { PNG, JPEG }

    /** JPEG quality used by {@link #write(Path, Image)}. */
    public static final float DEFAULT_JPEG_QUALITY = 0.95f;

    /** True when the file name ends in .png, .jpg or .jpeg (any case). */
    public static boolean isImageFile(Path file) {
        return formatOf(file) != null;
    }

    /** The format named by the file's extension, or null. */
    public static Format formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) return Format.PNG;
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) return Format.JPEG;
        return null;
    }

    /** Reads a PNG or JPEG file; any problem is one {@link InputException} line naming the file. */
    public static Image read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "image file not found");
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read image: " + e.getMessage());
        }
        return decode(bytes, file.toString());
    }

    /** Decodes PNG or JPEG bytes; {@code source} names them in errors. */
    public static Image decode(byte[] bytes, String source) {
        if (bytes.length == 0) throw new InputException(source, "empty file, not an image");
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new InputException(source, "not a PNG or JPEG image (unknown file signature)");
            ImageReader reader = readers.next();
            String[] warning = new String[1];
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((r, w) -> { if (warning[0] == null) warning[0] = w; });
                BufferedImage img = reader.read(0);
                if (warning[0] != null) throw new InputException(source, "corrupt or truncated image: " + warning[0]);
                return Image.fromBufferedImage(img);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) throw ie;
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InputException(source, "corrupt or truncated image: " + msg);
        }
    }

    /** Encodes the image as PNG (lossless; the same image gives the same bytes). */
    public static byte[] encodePng(Image image) {
        return encode(image, Format.PNG, 1f);
    }

    /** Encodes the image; JPEG drops an alpha channel and uses {@code jpegQuality} (0-1). */
    public static byte[] encode(Image image, Format format, float jpegQuality) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (format == Format.PNG) {
                if (!ImageIO.write(image.toBufferedImage(), "png", out)) throw new IllegalStateException("no PNG writer");
                return out.toByteArray();
            }
            Image rgbOrGray = image.channels() == 4 ? image.toRgb() : image;
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(ios);
                ImageWriteParam p = writer.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(jpegQuality);
                writer.write(null, new IIOImage(rgbOrGray.toBufferedImage(), null, null), p);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode image", e);
        }
    }

    /** Writes the image in the format its extension names (.png, .jpg, .jpeg), atomically. */
    public static void write(Path file, Image image) {
        Format f = formatOf(file);
        if (f == null) throw new InputException(file.toString(), "output image must end in .png, .jpg or .jpeg");
        AtomicFiles.write(file, encode(image, f, DEFAULT_JPEG_QUALITY));
    }
}
