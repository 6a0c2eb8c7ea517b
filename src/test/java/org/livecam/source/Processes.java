package org.livecam.source;

import java.util.List;

/** Finds the commands this JVM started. */
final class Processes {
    private Processes() {
    }

    /** Live descendants of this JVM whose command line mentions {@code tag}. */
    static List<ProcessHandle> withTag(String tag) {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(tag)).orElse(false))
                .toList();
    }
}
