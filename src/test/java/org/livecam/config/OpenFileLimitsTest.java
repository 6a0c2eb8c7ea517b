package org.livecam.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenFileLimitsTest {
    private static final String LIMITS = """
            Limit                     Soft Limit           Hard Limit           Units
            Max processes             63483                63483                processes
            Max open files            1024                 524288               files
            Max locked memory         8388608              8388608              bytes
            """;

    @Test
    void readsTheOpenFilesLine() {
        assertThat(OpenFileLimits.parse(LIMITS)).contains(new OpenFileLimits(1024, 524288));
        assertThat(new OpenFileLimits(1024, 524288).connections()).isEqualTo(1024 - OpenFileLimits.RESERVED);
    }

    @Test
    void unlimitedIsTheLargestNumberAndAMissingLineIsNothing() {
        assertThat(OpenFileLimits.parse("Max open files            unlimited            unlimited            files\n"))
                .contains(new OpenFileLimits(Long.MAX_VALUE, Long.MAX_VALUE));
        assertThat(OpenFileLimits.parse("Limit  Soft Limit\n")).isEmpty();
    }

    @Test
    void thisProcessHasLimitsOnLinux() {
        assertThat(OpenFileLimits.read()).hasValueSatisfying(limits -> assertThat(limits.soft()).isPositive().isLessThanOrEqualTo(limits.hard()));
    }
}
