package io.stagegate.playbook;

import io.stagegate.criteria.Playbook;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** A validated playbook together with the YAML it came from and where that came from. */
public record LoadedPlaybook(String source, String yaml, Playbook playbook) {
    public LoadedPlaybook {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(playbook, "playbook");
    }

    public static LoadedPlaybook load(String source, String yaml) {
        return new LoadedPlaybook(source, yaml, PlaybookLoader.load(source, yaml));
    }

    /** SHA-256 of the YAML text: tells whether a playbook changed since it was last recorded. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
