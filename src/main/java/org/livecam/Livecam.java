package org.livecam;

import org.livecam.bench.BenchCommand;
import org.livecam.config.ConfigFileDefaults;
import org.livecam.push.PushCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code livecam serve}, and the tools beside it. */
@Command(name = "livecam",
        mixinStandardHelpOptions = true,
        versionProvider = Livecam.Version.class,
        description = "Any camera becomes a live web view that many people can watch at once.",
        subcommands = {ServeCommand.class, PushCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Livecam {
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Livecam()).setCaseInsensitiveEnumValuesAllowed(true);
        CommandLine.IParameterExceptionHandler shown = cli.getParameterExceptionHandler();
        // A bad value from a config file is reported with the file and line it came from.
        cli.setParameterExceptionHandler((e, args) -> shown.handleParseException(ConfigFileDefaults.located(e), args));
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Livecam.class.getPackage().getImplementationVersion();
            return new String[] {"livecam " + (version == null ? "(development build)" : version)};
        }
    }
}
