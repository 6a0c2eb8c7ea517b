package org.livecam.config;

import java.time.Duration;
import picocli.CommandLine;

/** Reads duration flags (500ms, 30s, 10m, 1h) the way the config file reads them. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
