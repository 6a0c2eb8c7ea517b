package org.livecam.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.util.OptionalDouble;
import org.livecam.source.FrameSource;
import org.livecam.source.SourceSpecs;

/**
 * {@code source.SourceSpecs}, which reads a camera's source ({@code test:}, {@code exec:},
 * {@code http(s)://}, {@code dir:}) from the command line, the YAML file and the camera API:
 * a spec is a source (never started here) or an IllegalArgumentException with a message, nothing else.
 */
class SourceSpecsFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void parse(FuzzedDataProvider data) {
        OptionalDouble fps = data.consumeBoolean() ? OptionalDouble.of(data.consumeRegularDouble(-10, 1000)) : OptionalDouble.empty();
        String spec = data.consumeRemainingAsString();
        FrameSource source;
        try {
            source = SourceSpecs.parse(spec, fps, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).as("the reason for refusing '%s'", spec).isNotBlank();
            return;
        }
        assertThat(source).isNotNull();
        assertThat(source.describe()).isNotBlank();
    }
}
