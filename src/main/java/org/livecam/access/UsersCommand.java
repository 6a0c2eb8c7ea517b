package org.livecam.access;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code livecam users add|remove|list}: the users file, as {@code livecam serve --users} reads it. */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"Manage the users who may sign in to watch private cameras (an htpasswd file with bcrypt hashes).",
            "Each subcommand takes --users FILE (default ./users.htpasswd); a running server reads changes within a second."},
        subcommands = {UsersCommand.Add.class, UsersCommand.Remove.class, UsersCommand.ListUsers.class})
public final class UsersCommand {

    /** The {@code --users FILE} of the commands that read an existing file. */
    static final class ExistingFile {
        @Option(names = "--users", paramLabel = "FILE", defaultValue = "users.htpasswd", description = "The users file (default: ${DEFAULT-VALUE}).")
        Path file;

        /** True when the file is there; otherwise says so on {@code spec}'s error stream. */
        boolean there(CommandLine.Model.CommandSpec spec) {
            if (java.nio.file.Files.exists(file)) {
                return true;
            }
            spec.commandLine().getErr().println("No users file " + file + "; give the one 'livecam serve --users' reads.");
            return false;
        }
    }

    /** {@code livecam users remove NAME [--users FILE]}: their sign-ins end with their line. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a user: they can no longer sign in, their sessions end, and so do their open streams of cameras that are not public (within about two seconds).")
    static final class Remove implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The user to remove.")
        String name;

        @CommandLine.Mixin
        ExistingFile users;

        @Override
        public Integer call() throws IOException {
            if (!users.there(spec)) {
                return 1;
            }
            boolean removed;
            try {
                removed = UserFileWriter.remove(users.file, name);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            if (!removed) {
                spec.commandLine().getErr().println("No user " + name + " in " + users.file + "; it is unchanged.");
                return 1;
            }
            spec.commandLine().getOut().println("Removed " + name + " from " + users.file + "; a running server reads it within a second.");
            return 0;
        }
    }

    /** {@code livecam users list [--users FILE]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users in the file, one name a line.")
    static final class ListUsers implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        ExistingFile users;

        @Override
        public Integer call() throws IOException {
            if (!users.there(spec)) {
                return 1;
            }
            UserFileWriter.names(users.file).forEach(spec.commandLine().getOut()::println);
            return 0;
        }
    }

    /** {@code livecam users add NAME [--users FILE]}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a user, or set a new password for one. The password is read from the terminal "
                + "(not shown, asked twice) or, when stdin is not a terminal, from its first line:",
                "  echo \"$PW\" | livecam users add alice --users users.htpasswd"})
    static final class Add implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The user name (no spaces or ':').")
        String name;

        @Option(names = "--users", paramLabel = "FILE", defaultValue = "users.htpasswd",
                description = "The users file to write, as given to 'livecam serve --users'; made when missing (default: ${DEFAULT-VALUE}).")
        Path file;

        @Override
        public Integer call() throws IOException {
            try {
                UserFileWriter.checkName(name);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            char[] password = readPassword();
            try {
                if (password == null || password.length == 0) {
                    spec.commandLine().getErr().println("No password given; " + file + " is unchanged.");
                    return 1;
                }
                boolean replaced = UserFileWriter.put(file, name, Bcrypt.hash(password));
                spec.commandLine().getOut().println((replaced ? "Changed the password of " : "Added ") + name + " in " + file
                        + "; a running server reads it within a second.");
                return 0;
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
        }

        /** From the terminal without echo (asked twice), else the first line of stdin; null when they differ or none came. */
        private char[] readPassword() throws IOException {
            Console console = System.console();
            if (console != null) {
                char[] first = console.readPassword("Password for %s: ", name);
                char[] again = console.readPassword("Again: ");
                if (first == null || !Arrays.equals(first, again)) {
                    spec.commandLine().getErr().println("The passwords differ.");
                    return null;
                }
                return first;
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? null : line.toCharArray();
        }
    }
}
