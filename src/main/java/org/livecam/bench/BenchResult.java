package org.livecam.bench;

import java.io.PrintStream;

/** The numbers of one bench run and how they are printed. Rates are per second of the measured window. */
record BenchResult(
        BenchSettings settings,
        long frameBytes,
        double seconds,
        double publishedFps,
        long publishSkipped,
        long publishFailures,
        String publishError,
        long publishRoundTripP50Micros,
        long publishRoundTripP99Micros,
        int viewersConnected,
        int viewersOpenAtEnd,
        String firstViewerFailure,
        double freshFpsMin,
        double freshFpsMedian,
        double freshFpsMax,
        double megabytesPerSecond,
        long latencyP50Micros,
        long latencyP99Micros,
        long latencyMaxMicros,
        long latencySamples,
        int slowViewersWithFrames,
        double slowFpsMedian,
        long slowAgeP50Micros,
        long slowAgeMaxMicros,
        double serverCpuPercent,
        double serverKernelCpuPercent,
        double serverJitCpuPercent,
        long serverRssKb,
        long serverPeakRssKb,
        double serverCpuWaitMillisPerSecond,
        double toolCpuPercent,
        double toolCpuWaitMillisPerSecond,
        double machineBusyPercent,
        double machineSoftirqPercent,
        double loadAverageAtStart,
        double loadAverageAtEnd,
        int stalledConnected,
        double stalledFreshFpsMin,
        double stalledFreshFpsMedian,
        long stalledLatencyP99Micros,
        String sizes,
        double partsPerSecondMedian,
        double partsPerSecondMax) {

    void print(PrintStream out) {
        BenchSettings s = settings;
        out.println();
        out.printf("livecam bench: %s camera '%s', %dx%d at %.0f fps, frames of %d KB, %.1f s measured%s%n",
                s.protocol().name().toLowerCase(), s.camera(), s.width(), s.height(), s.fps(), frameBytes / 1000, seconds,
                s.variant() ? ", viewers watch the variant " + s.variantQuery() : "");
        out.printf("  publisher        %.1f fps sent, %d skipped (%d requests in flight), answer p50 %s p99 %s, %d failures%s%n",
                publishedFps, publishSkipped, s.publishWindow(), ms(publishRoundTripP50Micros), ms(publishRoundTripP99Micros), publishFailures,
                publishError == null ? "" : " (last: " + publishError + ")");
        out.printf("  viewers          %d of %d connected, %d still open at the end%s%n", viewersConnected,
                s.viewers() + s.slowViewers() + s.stallViewers(), viewersOpenAtEnd, firstViewerFailure == null ? "" : " (first failure: " + firstViewerFailure + ")");
        out.printf("  fresh fps        min %.1f, median %.1f, max %.1f per viewer (%.0f%% of the publisher at the min)%n",
                freshFpsMin, freshFpsMedian, freshFpsMax, publishedFps > 0 ? 100 * freshFpsMin / publishedFps : 0);
        out.printf("  throughput       %.1f MB/s to all viewers%n", megabytesPerSecond);
        if (s.sameFrame()) {
            out.printf("  same frame       one byte-identical frame sent again and again: viewers got a median %.2f parts/s (max %.2f), %.0f in %.1f s%n",
                    partsPerSecondMedian, partsPerSecondMax, partsPerSecondMedian * seconds, seconds);
            out.println("  latency          not measured: every copy carries the first copy's stamp");
        } else if (s.variant()) {
            out.printf("  latency          not measured: viewers asked for a resized variant (%s), whose JPEGs are encoded anew without the stamp%n",
                    s.variantQuery());
        } else {
            out.printf("  latency          p50 %s, p99 %s, max %s (publish to whole frame at a viewer, %d frames)%n",
                    ms(latencyP50Micros), ms(latencyP99Micros), ms(latencyMaxMicros), latencySamples);
        }
        if (s.variant()) {
            out.printf("  sizes            %s%n", sizes);
        }
        if (s.stallViewers() > 0) {
            out.printf("  stalled once     %d of %d connected, stalled %.1f s; after it fresh fps min %.1f, median %.1f%s%n",
                    stalledConnected, s.stallViewers(), s.stallFor().toMillis() / 1000.0, stalledFreshFpsMin, stalledFreshFpsMedian,
                    s.variant() || s.sameFrame() ? "" : ", latency p99 " + ms(stalledLatencyP99Micros));
        }
        if (s.slowViewers() > 0) {
            out.printf("  slow viewers     %d of %d got frames at %d KB/s; median %.1f fps; frame age p50 %s, max %s%n",
                    slowViewersWithFrames, s.slowViewers(), s.slowBytesPerSecond() / 1000, slowFpsMedian,
                    ms(slowAgeP50Micros), ms(slowAgeMaxMicros));
        }
        if (serverCpuPercent >= 0) {
            out.printf("  server           CPU %.1f%% of one core (%.1f%% in the kernel, %.1f%% compiling: the JIT), RSS %d MB (peak %d MB), pid %d; its threads waited %.0f ms/s for a CPU%n",
                    serverCpuPercent, serverKernelCpuPercent, serverJitCpuPercent, serverRssKb / 1024, serverPeakRssKb / 1024, s.serverPid(), serverCpuWaitMillisPerSecond);
        } else {
            out.println("  server           CPU and RSS unknown (give --server-pid on Linux)");
        }
        out.printf("  load tool        CPU %.0f%% of one core (%d viewer threads + publisher); its threads waited %.0f ms/s for a CPU%n",
                toolCpuPercent, s.viewerThreads(), toolCpuWaitMillisPerSecond);
        out.printf("  machine          %.0f%% of all %d cores busy (%.0f%% in softirq, much of it loopback TCP), load average %.1f at start, %.1f at end%n",
                machineBusyPercent, Runtime.getRuntime().availableProcessors(), machineSoftirqPercent, loadAverageAtStart, loadAverageAtEnd);
        if (machineBusyPercent > 90) {
            int cores = Runtime.getRuntime().availableProcessors();
            double others = machineBusyPercent * cores - Math.max(0, serverCpuPercent) - Math.max(0, toolCpuPercent);
            out.printf("  note             every core was busy, %.0f%% of one core in other processes (and uncharged kernel work): "
                    + "the numbers above include waiting for a CPU, see the ms/s waited%n", others);
        }
    }

    private static String ms(long micros) {
        return String.format("%.2f ms", micros / 1000.0);
    }
}
