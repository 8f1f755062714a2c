package dev.cape.app.cli;

import picocli.CommandLine.Option;

/** The {@code --format text|json} option of cape direction, heads and steer. */
public final class TextOrJsonFormat {

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    String format;

    /** Whether JSON was asked for; refuses anything but text and json. */
    public boolean json() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json: " + format);
        }
        return format.equals("json");
    }
}
