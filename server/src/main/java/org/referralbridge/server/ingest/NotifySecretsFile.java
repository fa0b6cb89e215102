package org.referralbridge.server.ingest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code referralbridge.notify.secrets-file}: one secret a line, the first the current one; blank lines are skipped,
 * spaces around a secret dropped, a repeated secret counted once. A secret is printable ASCII (it travels in an HTTP
 * header); a line that is not makes the whole file refused, so a typo never silently drops a secret.
 */
class NotifySecretsFile {

    static final String PROPERTY = "referralbridge.notify.secrets-file";
    private static final Logger log = LoggerFactory.getLogger(NotifySecretsFile.class);
    private static final long MAX_BYTES = 64 * 1024;

    private final Path path;
    private boolean warned;

    NotifySecretsFile(Path path) {
        this.path = path;
    }

    /** @throws NotifySecretsUnreadable naming the problem and the line, never quoting a secret */
    List<String> read() {
        String content;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw unreadable("is larger than " + MAX_BYTES + " bytes: it should hold a few lines", null);
            }
            content = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw unreadable("does not exist", e);
        } catch (CharacterCodingException e) {
            throw unreadable("is not UTF-8 text", e);
        } catch (IOException e) {
            throw unreadable("cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
        warnIfOthersMayRead();
        return parse(content);
    }

    /** The secrets of a file's content, in order. */
    List<String> parse(String content) {
        Set<String> secrets = new LinkedHashSet<>();
        List<String> lines = content.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String secret = lines.get(i).strip();
            if (secret.isEmpty()) {
                continue;
            }
            if (!secret.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw unreadable(
                        "has a character on line " + (i + 1)
                                + " that an HTTP header cannot carry: a secret is printable ASCII",
                        null);
            }
            secrets.add(secret);
        }
        if (secrets.isEmpty()) {
            throw unreadable("holds no secret: the first line must be the current one", null);
        }
        return new ArrayList<>(secrets);
    }

    /** Once: the file is read again every few seconds. */
    private void warnIfOthersMayRead() {
        if (warned) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("{} {} can be read by every user of the machine: chmod 600 it", PROPERTY, path);
                warned = true;
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
    }

    private NotifySecretsUnreadable unreadable(String problem, Throwable cause) {
        return new NotifySecretsUnreadable(PROPERTY + " " + path + " " + problem, cause);
    }
}
