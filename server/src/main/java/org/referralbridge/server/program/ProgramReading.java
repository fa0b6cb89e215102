package org.referralbridge.server.program;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a program document from YAML (a file: problems carry its line) or JSON (the API: problems carry the field),
 * strictly: an unknown key, a key twice, a value of the wrong type are problems, not silently dropped. Then
 * {@link ProgramCheck} names everything else that is wrong.
 */
final class ProgramReading {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper;

    ProgramReading(ObjectMapper applicationMapper) {
        this.mapper = applicationMapper
                .copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** @throws InvalidProgram with every problem, each with its line and field */
    ProgramDocument fromYaml(String yaml, String source) {
        Map<String, Integer> lines = new HashMap<>();
        List<ProgramProblem> problems = new ArrayList<>();
        JsonNode tree;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            options.setCodePointLimit(1024 * 1024);
            Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
            if (root == null) {
                throw new InvalidProgram(source, List.of(new ProgramProblem(source, 1, "", "the file is empty")));
            }
            tree = json(root, "", lines, problems, source);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new InvalidProgram(
                    source, List.of(new ProgramProblem(source, line, "", "not valid YAML: " + e.getProblem())));
        } catch (YAMLException e) {
            throw new InvalidProgram(source, List.of(new ProgramProblem(source, 1, "", "not valid YAML")));
        }
        if (!problems.isEmpty()) {
            throw new InvalidProgram(source, problems);
        }
        return bind(tree, source, lines);
    }

    /** @throws InvalidProgram with every problem, each with its field */
    ProgramDocument fromJson(JsonNode tree) {
        return bind(tree, "request", Map.of());
    }

    private ProgramDocument bind(JsonNode tree, String source, Map<String, Integer> lines) {
        if (!tree.isObject()) {
            throw new InvalidProgram(
                    source,
                    List.of(new ProgramProblem(
                            source,
                            lines.getOrDefault("", 0),
                            "",
                            "a program is an object" + " of keys such as key, name, start, rewards")));
        }
        ProgramDocument program;
        try {
            program = mapper.treeToValue(tree, ProgramDocument.class);
        } catch (JsonMappingException e) {
            String field = path(e.getPath());
            String message = e.getOriginalMessage().startsWith("Unrecognized field")
                    ? "no such key in a program"
                    : "has the wrong type or form here";
            throw new InvalidProgram(source, List.of(new ProgramProblem(source, line(lines, field), field, message)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidProgram(source, List.of(new ProgramProblem(source, 0, "", "not a program document")));
        }
        List<ProgramProblem> problems = ProgramCheck.problems(program).stream()
                .map(found -> new ProgramProblem(source, line(lines, found[0]), found[0], found[1]))
                .toList();
        if (!problems.isEmpty()) {
            throw new InvalidProgram(source, problems);
        }
        return program;
    }

    /** The line of the field, or of the nearest enclosing one that is in the file (a missing key: its parent). */
    private static int line(Map<String, Integer> lines, String field) {
        String at = field;
        while (true) {
            Integer line = lines.get(at);
            if (line != null) {
                return line;
            }
            if (at.isEmpty()) {
                return 0;
            }
            int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
            at = cut < 0 ? "" : at.substring(0, cut);
        }
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    private static JsonNode json(
            Node node, String path, Map<String, Integer> lines, List<ProgramProblem> problems, String source) {
        lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
        if (node instanceof MappingNode mapping) {
            ObjectNode object = NODES.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
                int line = tuple.getKeyNode().getStartMark().getLine() + 1;
                if (key == null) {
                    problems.add(new ProgramProblem(source, line, path, "a key must be plain text"));
                    continue;
                }
                String child = path.isEmpty() ? key : path + "." + key;
                if (object.has(key)) {
                    problems.add(new ProgramProblem(source, line, child, "this key appears twice"));
                    continue;
                }
                lines.put(child, line);
                object.set(key, json(tuple.getValueNode(), child, lines, problems, source));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                array.add(json(sequence.getValue().get(i), path + "[" + i + "]", lines, problems, source));
            }
            return array;
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        try {
            if (Tag.NULL.equals(tag)) {
                return NODES.nullNode();
            }
            if (Tag.BOOL.equals(tag)) {
                return NODES.booleanNode(
                        text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes") || text.equalsIgnoreCase("on"));
            }
            if (Tag.INT.equals(tag)) {
                return NODES.numberNode(new BigInteger(text.replace("_", "")));
            }
            if (Tag.FLOAT.equals(tag)) {
                return NODES.numberNode(new BigDecimal(text.replace("_", "")));
            }
        } catch (NumberFormatException e) {
            return NODES.textNode(text);
        }
        return NODES.textNode(text);
    }
}
