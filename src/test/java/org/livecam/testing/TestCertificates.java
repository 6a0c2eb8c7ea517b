package org.livecam.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.livecam.config.CaTrust;

/**
 * A private CA and server certificates for 127.0.0.1 and localhost, made by the real
 * {@code openssl} in a test's folder, as an operator would make them. Certificates live two
 * days; each has a random serial, so a renewal is told apart from the original.
 */
public final class TestCertificates {
    /** The key forms openssl and certbot write. */
    public enum KeyForm {
        /** {@code BEGIN PRIVATE KEY}, an EC key (certbot's default). */
        PKCS8_EC,
        /** {@code BEGIN EC PRIVATE KEY} (openssl ecparam -genkey). */
        SEC1_EC,
        /** {@code BEGIN RSA PRIVATE KEY} (openssl genrsa -traditional, older certbot). */
        PKCS1_RSA
    }

    private final Path dir;
    private final Path caCert;
    private final Path caKey;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.caCert = dir.resolve("ca.pem");
        this.caKey = dir.resolve("ca.key");
    }

    /** A new CA in {@code dir}. */
    public static TestCertificates newCa(Path dir) {
        TestCertificates ca = new TestCertificates(dir);
        ca.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", ca.caKey.toString(), "-out", ca.caCert.toString(), "-days", "2", "-subj", "/CN=livecam test CA");
        return ca;
    }

    public Path caFile() {
        return caCert;
    }

    /** A JDK SSL context trusting this CA only. */
    public SSLContext trust() {
        return CaTrust.sslContext(caCert);
    }

    /** An HTTP client trusting this CA, HTTP/2 preferred (as browsers). */
    public HttpClient client() {
        return HttpClient.newBuilder().sslContext(trust()).version(HttpClient.Version.HTTP_2).build();
    }

    /**
     * Issues a certificate for 127.0.0.1 and localhost, written as {@code certFile} (the full
     * chain: server then CA, as certbot's fullchain.pem) and {@code keyFile}; both are replaced
     * by renaming, as certbot does. Returns the serial.
     */
    public BigInteger issue(Path certFile, Path keyFile, KeyForm form) {
        String name = "server-" + Long.toHexString(System.nanoTime());
        Path key = dir.resolve(name + ".key");
        switch (form) {
            case PKCS8_EC -> openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
            case SEC1_EC -> openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
            case PKCS1_RSA -> openssl("genrsa", "-traditional", "-out", key.toString(), "2048");
        }
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".pem");
        Path ext = dir.resolve(name + ".ext");
        BigInteger serial = new BigInteger(64, new SecureRandom()).setBit(63);
        try {
            Files.writeString(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            openssl("req", "-new", "-key", key.toString(), "-subj", "/CN=localhost", "-out", csr.toString());
            openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                    "-set_serial", "0x" + serial.toString(16), "-days", "2", "-extfile", ext.toString(), "-out", cert.toString());
            Path chain = dir.resolve(name + ".chain");
            Files.writeString(chain, Files.readString(cert) + Files.readString(caCert));
            Files.move(chain, certFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(key, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return serial;
    }

    private void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: "
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("openssl is needed (scripts/test installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
