package dev.parley.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * template.yaml through the SAM translator (aws-sam-translator, the AWS::Serverless transform that
 * CloudFormation runs): a configuration change publishes a new version of every function it reaches
 * and redeploys the streaming API, and nothing else does (src/test/python/template_versions_test.py,
 * which .ci/run also runs on its own). Needs python3 with aws-sam-translator, as cfn-lint does.
 */
class SamTranslationTest {

    @Test
    void aConfigurationChangeReachesTheAliasesAndTheStreamingStage()
            throws IOException, InterruptedException {
        Path script = Path.of("src", "test", "python", "template_versions_test.py");
        assertTrue(Files.isRegularFile(script), script.toString());
        Process python =
                new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = python.waitFor();
        assertTrue(
                !output.contains("No module named 'samtranslator'"),
                "python3 cannot import samtranslator (pip install aws-sam-translator, or cfn-lint which brings it)");
        assertTrue(output.matches("(?s).*Ran [1-9][0-9]* tests.*\\bOK\\b.*"), output);
        assertEquals(0, exit, output);
    }
}
