package dev.cape.app;

import dev.cape.app.cli.CapeCommand;

/** Entry point: with arguments runs the {@code cape} CLI; without, the default job on the bundled data. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CapeCommand.run(args));
    }
}
