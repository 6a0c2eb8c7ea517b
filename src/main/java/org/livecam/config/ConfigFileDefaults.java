package org.livecam.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command's config file ({@link ConfigFile}) as picocli's default values: an option the
 * command line leaves out takes the file's value, converted by the option's own converter just
 * as the flag would be. Precedence is therefore the flag, then the file, then the option's own
 * default, which may name an environment variable ({@code ${env:LIVECAM_TOKEN}}): the
 * environment fills only what neither a flag nor the file gives.
 *
 * <p>picocli applies defaults after it has matched the command line, so the option that names
 * the file is already set when the first default is asked for; the file is read then, once.
 * File values are taken literally ({@code ${...}} in them is not expanded). A value picocli
 * cannot convert fails the parse; {@link #located} adds the file and line to that error.
 * One instance serves one command line, parsed on one thread.
 */
public class ConfigFileDefaults implements CommandLine.IDefaultValueProvider {
    private final String fileOption;
    private final Set<String> flagOnly;
    private final Map<ArgSpec, String> answered = new HashMap<>();
    private Path readFrom;
    private ConfigFile.Contents contents;

    /**
     * @param fileOption the option that names the file, e.g. {@code --config}
     * @param flagOnly   options the file may not set (besides help, version and the file option)
     */
    public ConfigFileDefaults(String fileOption, Set<String> flagOnly) {
        this.fileOption = fileOption;
        this.flagOnly = Set.copyOf(flagOnly);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !allowed(option)) {
            return null;
        }
        ConfigFile.Contents file = contents(option.command());
        ConfigFile.Setting setting = file == null ? null : file.options().get(key(option));
        if (setting == null) {
            return null;
        }
        answered.put(option, file.file() + " line " + setting.line() + ": " + key(option) + ": ");
        return setting.value().replace("${", "$${"); // picocli expands ${...} in defaults; $${ is its escape
    }

    /** What the file says, or null when the command line names no file. Throws a usage error naming the line. */
    public ConfigFile.Contents contents(CommandSpec command) {
        Path file = command.findOption(fileOption).getValue();
        if (file == null) {
            return null;
        }
        if (!file.equals(readFrom)) {
            try {
                contents = ConfigFile.read(file, keys(command));
            } catch (ConfigFile.ConfigException e) {
                throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
            }
            readFrom = file;
        }
        return contents;
    }

    /** The cameras the file lists; none when there is no file. */
    public List<ConfigFile.CameraEntry> cameras(CommandSpec command) {
        ConfigFile.Contents file = contents(command);
        return file == null ? List.of() : file.cameras();
    }

    /**
     * {@code e} with the file, line and key in front when the value that failed came from the
     * file rather than the command line; otherwise {@code e} itself.
     */
    public static CommandLine.ParameterException located(CommandLine.ParameterException e) {
        if (e.getCommandLine() != null
                && e.getCommandLine().getCommandSpec().defaultValueProvider() instanceof ConfigFileDefaults defaults
                && e.getArgSpec() != null && defaults.answered.containsKey(e.getArgSpec())) {
            return new CommandLine.ParameterException(e.getCommandLine(), defaults.answered.get(e.getArgSpec()) + e.getMessage(),
                    e, e.getArgSpec(), e.getValue());
        }
        return e;
    }

    private Set<String> keys(CommandSpec command) {
        Set<String> keys = new TreeSet<>();
        for (OptionSpec option : command.options()) {
            if (allowed(option)) {
                keys.add(key(option));
            }
        }
        return keys;
    }

    private boolean allowed(OptionSpec option) {
        return !option.usageHelp() && !option.versionHelp() && !option.longestName().equals(fileOption)
                && !flagOnly.contains(option.longestName());
    }

    private static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^--", "");
    }
}
