package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** exec: on its own, outside the server: stopping a stubborn process tree, and failing commands. */
class ExecSourceLifecycleTest {
    private final String tag = "t" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void stopEndsTheWholeTreeEvenWhenItIgnoresTerm() {
        // sh and its background sleep ignore TERM, so only the KILL after the grace period ends them.
        String script = "trap '' TERM; sleep 300 & ffmpeg -hide_banner -loglevel error -nostdin -re -f lavfi"
                + " -i testsrc2=size=160x120:rate=5 -f mjpeg -q:v 5 -; wait # " + tag;
        HttpMjpegSourceTest.Collecting sink = new HttpMjpegSourceTest.Collecting();
        FrameSource source = SourceSpecs.parse("exec:sh -c \"" + script + "\"", Clock.systemUTC());
        source.start(sink);
        List<ProcessHandle> tree = new ArrayList<>();
        try {
            Processes.await("frames from ffmpeg", Duration.ofSeconds(15), () -> sink.frames.size() >= 2);
            ProcessHandle shell = Processes.withTag(tag).get(0);
            tree.add(shell);
            shell.descendants().forEach(tree::add);
            assertThat(tree).hasSizeGreaterThanOrEqualTo(3); // sh, sleep, ffmpeg
        } finally {
            source.stop();
        }
        Processes.await("every process of the tree to be gone", Duration.ofSeconds(5), () -> tree.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void commandThatKeepsFailingIsReportedOnceWithItsStatusAndLastWords() {
        HttpMjpegSourceTest.Collecting sink = new HttpMjpegSourceTest.Collecting();
        FrameSource source = SourceSpecs.parse("exec:sh -c 'echo no camera here >&2; exit 3' # " + "stall=0", Clock.systemUTC());
        source.start(sink);
        try {
            Processes.await("the first failure", Duration.ofSeconds(5), () -> !sink.problems.isEmpty());
            // Two or three more attempts follow within the backoff; none is reported again.
            try {
                Thread.sleep(2500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            source.stop();
        }
        assertThat(sink.problems).containsExactly("sh exited with status 3 (last output: no camera here)");
    }

    @Test
    void missingProgramSaysSo() {
        HttpMjpegSourceTest.Collecting sink = new HttpMjpegSourceTest.Collecting();
        FrameSource source = SourceSpecs.parse("exec:no-such-program-" + tag + " --flag", Clock.systemUTC());
        source.start(sink);
        try {
            Processes.await("the failure", Duration.ofSeconds(5), () -> !sink.problems.isEmpty());
        } finally {
            source.stop();
        }
        assertThat(sink.problems.get(0)).startsWith("cannot run no-such-program-" + tag);
    }
}
