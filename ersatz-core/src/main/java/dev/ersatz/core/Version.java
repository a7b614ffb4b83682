package dev.ersatz.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Ersatz library version, as built by Maven. */
public final class Version {
    private static final String VERSION = load();

    private Version() {}

    /** The version string, such as {@code 0.1.0}. */
    public static String get() { return VERSION; }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
