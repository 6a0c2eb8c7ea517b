package org.livecam.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livecam.Livecam;
import picocli.CommandLine;

/** serve --redis, --node and --redis-heartbeat, from flags and the file; the password never shown. */
class RedisOptionTest {
    @TempDir
    Path dir;

    @Test
    void addressesWithCredentialsDatabaseAndTlsAreTakenAndShownWithoutThePassword() {
        RedisAddress plain = RedisAddress.parse("redis://redis.local:6380/2");
        assertThat(plain.toString()).isEqualTo("redis://redis.local:6380/2");
        RedisAddress secret = RedisAddress.parse("rediss://livecam:s3cret-pw@10.0.0.5");
        assertThat(secret.toString()).isEqualTo("rediss://***@10.0.0.5:6379").doesNotContain("s3cret");
        assertThat(secret.connectionString()).isEqualTo("rediss://livecam:s3cret-pw@10.0.0.5");
    }

    @Test
    void badAddressesAreRefusedSayingWhatIsExpectedAndNeverThePassword() {
        assertThatThrownBy(() -> RedisAddress.parse("http://u:hunter2@host:6379"))
                .hasMessageContaining("redis or rediss").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisAddress.parse("redis://u:hunter2@host:6379/cameras"))
                .hasMessageContaining("database number").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RedisAddress.parse("redis:///0")).hasMessageContaining("no host");
    }

    @Test
    void theFileAndTheFlagsConfigureTheNode() throws Exception {
        Path file = dir.resolve("livecam.yml");
        Files.writeString(file, """
                redis: "redis://u:pw@127.0.0.1:7000/1"
                node: edge-1
                redis-heartbeat: 500ms
                """);
        ClusterConfig fromFile = cluster("serve", "--config", file.toString());
        assertThat(fromFile.redis().toString()).isEqualTo("redis://***@127.0.0.1:7000/1");
        assertThat(fromFile.node()).isEqualTo("edge-1");
        assertThat(fromFile.heartbeat()).isEqualTo(Duration.ofMillis(500));
        assertThat(fromFile.expiry()).isEqualTo(Duration.ofMillis(1500));

        ClusterConfig flags = cluster("serve", "--config", file.toString(), "--node", "edge-2");
        assertThat(flags.node()).isEqualTo("edge-2");
        assertThat(cluster("serve", "--redis", "redis://127.0.0.1:7000").node()).as("a default name").matches(".+-[0-9a-f]{4}");
    }

    @Test
    void withoutRedisTheServerRunsAlone() throws Exception {
        assertThat(cluster("serve")).isNull();
    }

    @Test
    void aBadAddressIsAUsageErrorThatHidesThePassword() {
        StringWriter err = new StringWriter();
        CommandLine line = Livecam.commandLine();
        line.setErr(new PrintWriter(err));
        int code = line.execute("serve", "--redis", "redis://u:hunter2@host:6379/x", "--data", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--redis").contains("database number").doesNotContain("hunter2");
    }

    private static ClusterConfig cluster(String... args) throws Exception {
        CommandLine.ParseResult result = Livecam.commandLine().parseArgs(args);
        Object command = result.subcommand().commandSpec().userObject();
        var config = command.getClass().getDeclaredMethod("config");
        config.setAccessible(true);
        return ((org.livecam.ServerConfig) config.invoke(command)).cluster();
    }
}
