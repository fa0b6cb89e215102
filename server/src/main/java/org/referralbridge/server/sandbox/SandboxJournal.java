package org.referralbridge.server.sandbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the sandbox EHR's data across restarts of the embedded default, whose database is a file too: every stored
 * version is appended to a journal (one line each), which is replayed at start-up. A line is
 * {@code PUT <resource json>} or {@code DELETE <Type/id>}.
 */
@Interceptor
class SandboxJournal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxJournal.class);

    private final Path file;
    private final IParser parser;
    private BufferedWriter writer;

    SandboxJournal(FhirContext fhirContext, Path file) {
        this.file = file;
        this.parser = fhirContext.newJsonParser().setPrettyPrint(false);
    }

    /** Loads the journal into the providers, then opens it for appending. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    synchronized void replayInto(Map<String, SandboxResourceProvider<? extends IBaseResource>> providersByType) {
        int lines = 0;
        try {
            if (Files.exists(file)) {
                List<String> entries = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String entry : entries) {
                    if (entry.startsWith("PUT ")) {
                        IBaseResource resource = parser.parseResource(entry.substring(4));
                        SandboxRawJson.attach(resource, entry.substring(4));
                        SandboxResourceProvider provider = providersByType.get(resource.fhirType());
                        if (provider != null) {
                            provider.restore(resource);
                            lines++;
                        }
                    } else if (entry.startsWith("DELETE ")) {
                        IdType id = new IdType(entry.substring(7).trim());
                        SandboxResourceProvider<?> provider = providersByType.get(id.getResourceType());
                        if (provider != null) {
                            provider.delete(id, null);
                            lines++;
                        }
                    }
                }
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            writer = Files.newBufferedWriter(
                    file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the sandbox EHR journal " + file, e);
        }
        log.info("Sandbox EHR journal {}: {} entries restored", file, lines);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    void created(IBaseResource resource) {
        append("PUT " + encode(resource));
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    void updated(IBaseResource previous, IBaseResource resource) {
        append("PUT " + encode(resource));
    }

    /** As the client wrote it where known, so a restart loses nothing HAPI's model does not hold. */
    private String encode(IBaseResource resource) {
        String asWritten = SandboxRawJson.json(resource);
        return asWritten != null ? asWritten : parser.encodeResourceToString(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    void deleted(IBaseResource resource) {
        append("DELETE " + resource.fhirType() + "/" + resource.getIdElement().getIdPart());
    }

    private synchronized void append(String line) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(line);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the sandbox EHR journal " + file, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
