package dev.parley.packaging;

import static dev.parley.packaging.TemplateContractTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * events/env/local.json, the file docs/local-run.md passes to {@code sam local invoke --env-vars}:
 * SAM sets only variables the template declares for a function and silently drops the rest, so a
 * name the template does not have would point nothing at the stand-ins. Keys are function logical
 * ids, or {@code Parameters} for every function.
 */
class LocalEnvFileTest {
    static final Path ENV_FILE = Path.of("events", "env", "local.json");

    @Test
    void namesOnlyVariablesTheTemplatesFunctionsDeclare() throws Exception {
        Map<String, Set<String>> declared =
                declaredVariables(
                        TemplateContractTest.CloudFormationYaml.load(
                                Files.readString(Path.of("template.yaml"))));
        JsonNode env = new ObjectMapper().readTree(Files.readString(ENV_FILE));
        List<String> unknown = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> sections = env.fields();
        while (sections.hasNext()) {
            Map.Entry<String, JsonNode> section = sections.next();
            // Parameters apply to every function: each variable must be one all of them have.
            List<String> functions =
                    section.getKey().equals("Parameters")
                            ? List.copyOf(declared.keySet())
                            : List.of(section.getKey());
            for (String function : functions) {
                Set<String> variables = declared.get(function);
                if (variables == null) {
                    unknown.add(section.getKey() + ": no such function in template.yaml");
                    continue;
                }
                section.getValue()
                        .fieldNames()
                        .forEachRemaining(
                                name -> {
                                    if (!variables.contains(name)) {
                                        unknown.add(
                                                section.getKey()
                                                        + "."
                                                        + name
                                                        + " (not declared on "
                                                        + function
                                                        + ")");
                                    }
                                });
            }
            section.getValue()
                    .fields()
                    .forEachRemaining(
                            variable ->
                                    assertTrue(
                                            variable.getValue().isTextual(),
                                            "SAM takes string values: "
                                                    + section.getKey()
                                                    + "."
                                                    + variable.getKey()));
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void pointsEveryStandInAtTheHostAsSeenFromSamsContainer() throws Exception {
        JsonNode parameters =
                new ObjectMapper().readTree(Files.readString(ENV_FILE)).path("Parameters");
        for (String endpoint :
                List.of(
                        "PARLEY_BEDROCK_ENDPOINT_OVERRIDE",
                        "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE",
                        "QUARKUS_S3_ENDPOINT_OVERRIDE")) {
            assertTrue(
                    parameters.path(endpoint).asText().startsWith("http://host.docker.internal:"),
                    endpoint + " = " + parameters.path(endpoint));
        }
    }

    /** Function logical id to the variables it has: the Globals' and its own. */
    private static Map<String, Set<String>> declaredVariables(Map<String, Object> template) {
        Set<String> globals =
                new TreeSet<>(
                        map(map(map(map(template.get("Globals")).get("Function"))
                                                .get("Environment"))
                                        .get("Variables"))
                                .keySet());
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        map(template.get("Resources"))
                .forEach(
                        (name, resource) -> {
                            if ("AWS::Serverless::Function".equals(map(resource).get("Type"))) {
                                Set<String> variables = new TreeSet<>(globals);
                                Map<String, Object> environment =
                                        map(
                                                map(map(resource).get("Properties"))
                                                        .get("Environment"));
                                if (environment != null) {
                                    variables.addAll(map(environment.get("Variables")).keySet());
                                }
                                declared.put(name, variables);
                            }
                        });
        return declared;
    }
}
