package io.dbaudit.cli;

import io.dbaudit.model.result.ToolInfo;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool's name and version, from a resource the build filters. */
public final class VersionInfo implements CommandLine.IVersionProvider {
    public static ToolInfo tool() {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": a version string is not worth failing a scan for
        }
        return new ToolInfo("dbaudit", p.getProperty("version", "unknown"));
    }

    @Override
    public String[] getVersion() {
        return new String[] {"dbaudit " + tool().version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
