package org.referralbridge.server.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The versions a BOM manages, read from the local Maven repository as Maven reads them: the BOM's own
 * dependencyManagement and its parents', properties from the parent chain, then the BOMs it imports in order (the
 * first to manage an artifact wins). Just enough Maven for BOMs such as spring-boot-dependencies.
 */
final class MavenBom {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final Path repository;

    MavenBom(Path repository) {
        this.repository = repository;
    }

    /** groupId:artifactId to version, for every artifact the BOM manages. */
    Map<String, String> managedVersions(String groupId, String artifactId, String version) {
        Map<String, String> managed = new LinkedHashMap<>();
        Pom pom = read(groupId, artifactId, version);
        Map<String, String> properties = pom.properties();
        Map<String, String> imports = new LinkedHashMap<>();
        for (Pom level = pom; level != null; level = level.parent()) {
            for (Element dependency : level.managedDependencies()) {
                String key = resolve(text(dependency, "groupId"), properties) + ":"
                        + resolve(text(dependency, "artifactId"), properties);
                String managedVersion = resolve(text(dependency, "version"), properties);
                if ("import".equals(text(dependency, "scope"))) {
                    imports.putIfAbsent(key, managedVersion);
                } else {
                    managed.putIfAbsent(key, managedVersion);
                }
            }
        }
        imports.forEach((bom, bomVersion) -> {
            String[] coordinates = bom.split(":");
            managedVersions(coordinates[0], coordinates[1], bomVersion).forEach(managed::putIfAbsent);
        });
        return managed;
    }

    private Pom read(String groupId, String artifactId, String version) {
        Path file = repository
                .resolve(groupId.replace('.', '/'))
                .resolve(artifactId)
                .resolve(version)
                .resolve(artifactId + "-" + version + ".pom");
        try (InputStream in = Files.newInputStream(file)) {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(in).getDocumentElement();
            Element parentElement = child(project, "parent");
            Pom parent = parentElement == null
                    ? null
                    : read(
                            text(parentElement, "groupId"),
                            text(parentElement, "artifactId"),
                            text(parentElement, "version"));
            return new Pom(project, parent, version);
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("Cannot read " + file + " (Maven resolves it when it builds)", e);
        }
    }

    private record Pom(Element project, Pom parent, String version) {

        Map<String, String> properties() {
            Map<String, String> properties = parent == null ? new HashMap<>() : parent.properties();
            Element own = child(project, "properties");
            if (own != null) {
                for (Node node = own.getFirstChild(); node != null; node = node.getNextSibling()) {
                    if (node instanceof Element property) {
                        properties.put(
                                property.getTagName(), property.getTextContent().trim());
                    }
                }
            }
            properties.put("project.version", version);
            if (parent != null) {
                properties.put("project.parent.version", parent.version());
            }
            return properties;
        }

        java.util.List<Element> managedDependencies() {
            Element management = child(project, "dependencyManagement");
            Element dependencies = management == null ? null : child(management, "dependencies");
            java.util.List<Element> list = new java.util.ArrayList<>();
            if (dependencies != null) {
                for (Node node = dependencies.getFirstChild(); node != null; node = node.getNextSibling()) {
                    if (node instanceof Element dependency) {
                        list.add(dependency);
                    }
                }
            }
            return list;
        }
    }

    private static String resolve(String value, Map<String, String> properties) {
        if (value == null) {
            return null;
        }
        String resolved = value;
        for (int depth = 0; depth < 10 && resolved.contains("${"); depth++) {
            Matcher matcher = PROPERTY.matcher(resolved);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String replacement = properties.getOrDefault(matcher.group(1), matcher.group());
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(out);
            resolved = out.toString();
        }
        return resolved;
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        return element == null ? null : element.getTextContent().trim();
    }
}
