package org.livecam.access;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code livecam share --revoke-all}: ends every share link by replacing the key that signs them. */
@Command(name = "share", mixinStandardHelpOptions = true,
        description = {"Share links. Make one on the server: POST /api/cameras/ID/share?for=24h as a signed-in user.",
            "--revoke-all ends every share link made so far (sign-ins stay); a running server notices within a second."})
public final class ShareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--revoke-all", required = true, description = "End every share link made so far.")
    boolean revokeAll;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data", description = "The server's data folder (as 'livecam serve --data').")
    Path data;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(data)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no data folder " + data + "; give the server's --data DIR");
        }
        SigningKey.rotate(data, ShareLinks.KEY_FILE);
        spec.commandLine().getOut().println("Every share link made so far is revoked (new key in " + data.resolve(ShareLinks.KEY_FILE) + ").");
        return 0;
    }
}
