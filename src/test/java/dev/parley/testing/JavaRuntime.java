package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.local.LocalRuntimeApi;
import dev.parley.local.StandIns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's Java runtime as the benchmarks and process tests start the packaged function: AWS's
 * runtime interface client (copied by the build to target/standins/ric) on the class path, the
 * unpacked function.zip as the task root, Lambda's JVM flags and the template's JAVA_TOOL_OPTIONS,
 * and the environment Lambda gives a runtime, pointed at a Runtime API stand-in.
 */
public final class JavaRuntime {
    public static final String HANDLER =
            "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    /** What Lambda's Java runtime starts the JVM with (besides its heap and CDS settings). */
    public static final List<String> LAMBDA_JVM_FLAGS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** The JVM functions' JAVA_TOOL_OPTIONS in template.yaml, which the JVM adds to Lambda's flags. */
    private static final Pattern TEMPLATE_JAVA_TOOL_OPTIONS =
            Pattern.compile(
                    "(?m)^\\s+JAVA_TOOL_OPTIONS: !If \\[IsJvm, \"([^\"]*)\", !Ref AWS::NoValue\\]$");

    private JavaRuntime() {}

    /** The command line up to the function's own options: java, Lambda's flags, the template's. */
    public static List<String> jvm() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_JVM_FLAGS);
        command.addAll(templateJavaToolOptions());
        // org.crac reaches the runtime's own CRaC context, where the RIC runs the hooks.
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        // SdkWarmUp's HTTP warm-up would call the Region's STS endpoint; here nothing leaves
        // 127.0.0.1.
        command.add("-Dparley.priming.sdk-http-warm-up=false");
        return command;
    }

    /**
     * {@code jvm} (from {@link #jvm()}, plus the function's options) completed with the client's
     * class path, main class and handler, in {@code task}, with Lambda's environment.
     */
    public static ProcessBuilder function(List<String> jvm, Path task, LocalRuntimeApi api) {
        Path ric = Path.of("target", "standins", "ric");
        assertTrue(
                Files.isDirectory(ric),
                "the runtime interface client is copied by the build (generate-resources)");
        List<String> command = new ArrayList<>(jvm);
        command.add("-cp");
        command.add(ric.toAbsolutePath() + "/*");
        command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
        command.add(HANDLER);
        // The RIC loads the function from its working directory (/var/task on Lambda) and its lib/.
        ProcessBuilder builder = new ProcessBuilder(command).directory(task.toFile());
        Map<String, String> env = lambdaEnvironment(builder, api);
        env.put("LAMBDA_TASK_ROOT", task.toAbsolutePath().toString());
        env.put("_HANDLER", HANDLER);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        return builder;
    }

    /** The environment Lambda gives every runtime (no real credentials: only stand-ins are called). */
    public static Map<String, String> lambdaEnvironment(
            ProcessBuilder builder, LocalRuntimeApi api) {
        Map<String, String> env = builder.environment();
        env.keySet()
                .removeIf(
                        name ->
                                name.startsWith("AWS_")
                                        || name.startsWith("PARLEY_")
                                        || name.startsWith("QUARKUS_")
                                        || name.equals("JAVA_TOOL_OPTIONS"));
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("AWS_REGION", StandIns.REGION);
        env.put("AWS_DEFAULT_REGION", StandIns.REGION);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "parley");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/parley");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
        env.put("TZ", ":UTC");
        return env;
    }

    /** The flags template.yaml gives the JVM functions (JAVA_TOOL_OPTIONS), so each run is as deployed. */
    public static List<String> templateJavaToolOptions() {
        try {
            Matcher options =
                    TEMPLATE_JAVA_TOOL_OPTIONS.matcher(Files.readString(Path.of("template.yaml")));
            assertTrue(options.find(), "template.yaml sets JAVA_TOOL_OPTIONS for the JVM");
            return List.of(options.group(1).split(" "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
