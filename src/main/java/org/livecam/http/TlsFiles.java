package org.livecam.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The PEM certificate (the whole chain, as certbot's {@code fullchain.pem}) and private key
 * (PKCS#8 {@code BEGIN PRIVATE KEY}, or the {@code BEGIN RSA PRIVATE KEY} / {@code BEGIN EC
 * PRIVATE KEY} forms openssl and certbot write) that {@code --tls-cert} and {@code --tls-key}
 * name. {@link #load} reads and checks them whole, so a bad pair is one clear line at start and
 * a half-written renewal is never served.
 */
public record TlsFiles(Path certFile, Path keyFile) {

    public TlsFiles {
        if (certFile == null || keyFile == null) {
            throw new IllegalArgumentException("HTTPS needs both --tls-cert and --tls-key");
        }
    }

    /** Both files, read and checked: a chain of certificates and the private key of its first. */
    public record Loaded(byte[] certPem, byte[] keyPem, X509Certificate leaf) {
        /** The same pair as {@code other}, byte for byte: nothing to reload. */
        public boolean sameAs(Loaded other) {
            return Arrays.equals(certPem, other.certPem) && Arrays.equals(keyPem, other.keyPem);
        }

        public PemKeyCertOptions options() {
            return new PemKeyCertOptions().setCertValue(Buffer.buffer(certPem)).setKeyValue(Buffer.buffer(keyPem));
        }

        /** Who the certificate is for and until when, for the log. */
        public String describe() {
            return leaf.getSubjectX500Principal().getName() + ", serial " + leaf.getSerialNumber().toString(16)
                    + ", valid until " + leaf.getNotAfter().toInstant();
        }
    }

    /** Thrown with a one-line message naming the option and file at fault. */
    public static final class UnusableException extends IllegalArgumentException {
        UnusableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads both files as they are now and checks them; anything wrong is an {@link UnusableException}. */
    public Loaded load() {
        byte[] certPem = read("--tls-cert", certFile);
        byte[] keyPem = read("--tls-key", keyFile);
        List<X509Certificate> chain = certificates(certPem);
        PrivateKey key = privateKey(certPem, keyPem);
        if (!belongTogether(key, chain.get(0).getPublicKey())) {
            throw new UnusableException("--tls-key " + keyFile + " is not the key of the certificate in --tls-cert "
                    + certFile + " (" + chain.get(0).getSubjectX500Principal().getName() + ")", null);
        }
        return new Loaded(certPem, keyPem, chain.get(0));
    }

    private static byte[] read(String option, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UnusableException(option + " " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new UnusableException(option + " " + file + ": permission denied (the server reads it as user "
                    + System.getProperty("user.name") + ")", e);
        } catch (IOException e) {
            throw new UnusableException(option + " " + file + ": cannot read it: " + e.getMessage(), e);
        }
    }

    private List<X509Certificate> certificates(byte[] pem) {
        Collection<? extends Certificate> found;
        try {
            found = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        } catch (CertificateException e) {
            throw new UnusableException("--tls-cert " + certFile + ": not a PEM certificate chain: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new UnusableException("--tls-cert " + certFile + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)", null);
        }
        return found.stream().map(X509Certificate.class::cast).toList();
    }

    /** Parsed the way the server will parse it (Vert.x's PEM reader), so what passes here is what gets served. */
    private PrivateKey privateKey(byte[] certPem, byte[] keyPem) {
        try {
            PemKeyCertOptions pem = new PemKeyCertOptions().setCertValue(Buffer.buffer(certPem)).setKeyValue(Buffer.buffer(keyPem));
            for (KeyManager manager : pem.getKeyManagerFactory(null).getKeyManagers()) {
                if (manager instanceof X509KeyManager x509) {
                    for (String type : List.of("RSA", "EC", "EdDSA", "Ed25519", "DSA")) {
                        String[] aliases = x509.getServerAliases(type, null);
                        if (aliases != null && aliases.length > 0) {
                            return x509.getPrivateKey(aliases[0]);
                        }
                    }
                }
            }
            throw new GeneralSecurityException("no usable key");
        } catch (Exception e) {
            throw new UnusableException("--tls-key " + keyFile + ": not a PEM private key (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY "
                    + "or BEGIN EC PRIVATE KEY): " + rootMessage(e), e);
        }
    }

    /** A signature made with the key verifies with the certificate's public key only if they are a pair. */
    private static boolean belongTogether(PrivateKey key, PublicKey certified) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448 sign without a separate digest
        };
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a key of another type than the certificate's
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
