package org.livecam;

import picocli.CommandLine;

/** {@code livecam serve}'s settings from a command line, as {@code serve} reads them before it starts anything; for {@code org.livecam.fuzz}. */
public final class ServeArgs {
    private ServeArgs() {
    }

    /** The settings; a {@link CommandLine.ParameterException} (a usage error) when the flags or the file are wrong. */
    public static ServerConfig parse(String... args) {
        CommandLine.ParseResult result = Livecam.commandLine().parseArgs(args);
        return ((ServeCommand) result.subcommand().commandSpec().userObject()).config("fuzz-token");
    }
}
