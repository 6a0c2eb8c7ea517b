package org.livecam;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import org.livecam.access.ShareCommand;
import org.livecam.access.UsersCommand;
import org.livecam.bench.BenchCommand;
import org.livecam.config.ConfigFileDefaults;
import org.livecam.config.StartupException;
import org.livecam.push.PushCommand;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code livecam serve}, and the tools beside it. A usage error prints its
 * message and a pointer to {@code --help} (exit 2); a start-up failure prints one line (exit 1),
 * its stack trace only at DEBUG.
 */
@Command(name = "livecam",
        mixinStandardHelpOptions = true,
        versionProvider = Livecam.Version.class,
        description = "Any camera becomes a live web view that many people can watch at once.",
        subcommands = {ServeCommand.class, PushCommand.class, BenchCommand.class, UsersCommand.class, ShareCommand.class,
            CommandLine.HelpCommand.class})
public final class Livecam {
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Livecam()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Livecam::usageError);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof StartupException) {
                command.getErr().println(e.getMessage());
                command.getErr().flush();
                LoggerFactory.getLogger(Livecam.class).debug("Start-up failed", e);
                return 1;
            }
            throw e;
        });
        return cli;
    }

    /** The message (with the config file's line when the value came from there), then where help is. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine.ParameterException located = ConfigFileDefaults.located(e);
        CommandLine command = located.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(located.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(located, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** "livecam 0.1.0 (commit 1a2b3c4d5e6f)", from the version file Maven fills in at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        static final String RESOURCE = "/org/livecam/version.properties";

        @Override
        public String[] getVersion() throws IOException {
            Properties build = new Properties();
            try (InputStream in = Livecam.class.getResourceAsStream(RESOURCE)) {
                if (in != null) {
                    build.load(in);
                }
            }
            String version = known(build.getProperty("version"), "unknown version");
            String commit = known(build.getProperty("commit"), "unknown");
            return new String[] {"livecam " + version + " (commit " + commit + ")"};
        }

        /** Maven leaves a placeholder unfilled when it does not know the value (a build outside git). */
        private static String known(String value, String otherwise) {
            return value == null || value.isBlank() || value.contains("${") ? otherwise : value;
        }
    }
}
