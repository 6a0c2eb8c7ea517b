package org.livecam.source;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.livecam.testing.Await;
import org.slf4j.LoggerFactory;

/** exec: on its own, outside the server: stopping a stubborn process tree, and failing commands. */
class ExecSourceLifecycleTest {
    private final String tag = "t" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void stopEndsTheWholeTreeEvenWhenItIgnoresTerm() throws Exception {
        // sh and its background sleep ignore TERM, so only the KILL after the grace period ends them.
        String script = "trap '' TERM; sleep 300 & ffmpeg -hide_banner -loglevel error -nostdin -re -f lavfi"
                + " -i testsrc2=size=160x120:rate=5 -f mjpeg -q:v 5 -; wait # " + tag;
        HttpMjpegSourceTest.Collecting sink = new HttpMjpegSourceTest.Collecting();
        FrameSource source = SourceSpecs.parse("exec:sh -c \"" + script + "\"", Clock.systemUTC());
        source.start(sink);
        List<ProcessHandle> tree = new ArrayList<>();
        try {
            Await.until(() -> sink.frames.size() >= 2, Duration.ofSeconds(15), "frames from ffmpeg");
            ProcessHandle shell = Processes.withTag(tag).get(0);
            tree.add(shell);
            shell.descendants().forEach(tree::add);
            assertThat(tree).hasSizeGreaterThanOrEqualTo(3); // sh, sleep, ffmpeg
        } finally {
            source.stop();
        }
        Await.until(() -> tree.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(5), "every process of the tree to be gone");
    }

    @Test
    void commandThatKeepsFailingIsReportedOnceWithItsStatusAndLastWords() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(OutageReport.class);
        Level level = logger.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(Level.DEBUG);
        HttpMjpegSourceTest.Collecting sink = new HttpMjpegSourceTest.Collecting();
        FrameSource source = SourceSpecs.parse("exec:sh -c 'echo no camera here >&2; exit 3' # " + "stall=0", Clock.systemUTC());
        source.start(sink);
        try {
            Await.until(() -> logs.list.stream().filter(e -> e.getLevel() == Level.DEBUG).count() >= 2, Duration.ofSeconds(10),
                    "two more failed attempts after the first");
        } finally {
            source.stop();
            logger.detachAppender(logs);
            logger.setLevel(level);
        }
        assertThat(sink.problems).containsExactly("sh exited with status 3 (last output: no camera here)");
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(1);
    }

    @Test
    void missingProgramSaysSo() throws Exception {
        HttpMjpegSourceTest.Collecting sink = new HttpMjpegSourceTest.Collecting();
        FrameSource source = SourceSpecs.parse("exec:no-such-program-" + tag + " --flag", Clock.systemUTC());
        source.start(sink);
        try {
            Await.until(() -> !sink.problems.isEmpty(), Duration.ofSeconds(5), "the failure");
        } finally {
            source.stop();
        }
        assertThat(sink.problems.get(0)).startsWith("cannot run no-such-program-" + tag);
    }
}
