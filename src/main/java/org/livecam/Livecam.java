package org.livecam;

import org.livecam.bench.BenchCommand;
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
        return new CommandLine(new Livecam()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Livecam.class.getPackage().getImplementationVersion();
            return new String[] {"livecam " + (version == null ? "(development build)" : version)};
        }
    }
}
