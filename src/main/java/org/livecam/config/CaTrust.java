package org.livecam.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code livecam push --ca FILE} (and {@code livecam bench --ca FILE}): an SSL context that trusts the PEM certificates in FILE (a
 * private CA, or a self-signed server certificate) instead of the JDK's public CAs. Host names
 * are still checked. Stateless.
 */
public final class CaTrust {
    private CaTrust() {
    }

    /** Throws IllegalArgumentException naming the file when it is missing or holds no certificate. */
    public static SSLContext sslContext(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("--ca " + caFile + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--ca " + caFile + ": no such file", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--ca " + caFile + ": not a PEM certificate: " + e.getMessage(), e);
        }
    }
}
