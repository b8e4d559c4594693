package dev.parley.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layering of Parley's packages, as one rule: the definition the architecture test checks the
 * code against, and the one it shows failing on a fixture with an upward import. From the bottom:
 * the ground, the adapters, the pipeline, then the features and the edges. A new package under
 * {@code dev.parley} is above the pipeline unless it is added to a lower list here, so it may use
 * everything below and nothing below may use it. docs/architecture.md describes the layers.
 */
final class Layering {
    static final String ROOT = "dev.parley";

    /** Every package may use these; they use nothing of Parley but each other. */
    static final List<String> GROUND = List.of("error", "aws", "time", "identity", "modelcall");

    /** The AWS adapters: Bedrock Runtime, the single DynamoDB table and the conversation store on it. They speak the ground's vocabulary. */
    static final List<String> ADAPTERS = List.of("bedrock", "store", "table");

    /** Every model call goes through it; it knows the adapters and the ground, no feature. */
    static final List<String> PIPELINE = List.of("pipeline");

    /**
     * The protocol edges and entry points: the dialects (OpenAI, Anthropic), the WebSocket API, the
     * Lambda entry points and the stream function's loop. Only other edges may depend on them.
     */
    static final List<String> EDGES =
            List.of(
                    "openai",
                    "anthropic",
                    "websocket",
                    "handoff",
                    "lambda",
                    "streaming",
                    "deployhook");

    /** The whole layering, one rule. */
    static final ArchRule RULES =
            CompositeArchRule.of(
                            slices().matching(ROOT + ".(*)..")
                                    .namingSlices("$1")
                                    .should()
                                    .beFreeOfCycles()
                                    .as("no cycle between the packages under " + ROOT))
                    .and(usesOnly(GROUND, GROUND, "the ground"))
                    .and(usesOnly(ADAPTERS, concat(GROUND, ADAPTERS), "the adapters"))
                    .and(usesOnly(PIPELINE, concat(GROUND, ADAPTERS, PIPELINE), "the pipeline"))
                    .and(
                            noClasses()
                                    .that()
                                    .resideOutsideOfPackages(packages(EDGES))
                                    .should()
                                    .dependOnClassesThat()
                                    .resideInAnyPackage(packages(EDGES))
                                    .as("only edges depend on the edges " + EDGES));

    private Layering() {}

    private static ArchRule usesOnly(List<String> layer, List<String> allowed, String name) {
        return classes()
                .that()
                .resideInAnyPackage(packages(layer))
                .should()
                .onlyDependOnClassesThat(
                        resideOutsideOfPackage(ROOT + "..")
                                .or(resideInAnyPackage(packages(allowed))))
                .as(name + " " + layer + " use only " + allowed + " of Parley");
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    /** ArchUnit's package pattern of each name: the package and its sub-packages. */
    private static String[] packages(List<String> names) {
        return names.stream().map(name -> ROOT + "." + name + "..").toArray(String[]::new);
    }
}
