package dev.parley.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docs check on this repository, and on a small tree that proves it catches what it should. */
class DocsLinksTest {

    @Test
    void everyRelativeLinkInTheReadmeAndDocsResolvesAndTheReadmeIsShort() {
        assertEquals(List.of(), DocsLinks.check(Path.of("")), "broken links or an overlong README");
    }

    @Test
    void theCheckFailsOnAMissingFileAMissingAnchorAndALongReadme(@TempDir Path root)
            throws Exception {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(
                root.resolve("docs/api.md"),
                """
                # The API

                A summary.

                ## `GET /v1/health`

                See [the models](models.md) and [an anchor here](#get-v1health).
                """);
        Files.writeString(
                root.resolve("README.md"),
                """
                # Demo
                [fine](docs/api.md#get-v1health) [also fine](docs/api.md) [web](https://example.com/x.md)
                [missing file](docs/nothing.md) [missing anchor](docs/api.md#no-such-heading)
                ```
                [inside a code block](docs/ignored.md)
                ```
                """
                        + "filler\n".repeat(DocsLinks.MAX_README_LINES));

        List<String> problems = DocsLinks.check(root);

        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("README.md has 306 lines"), problems.get(0));
        assertTrue(
                problems.get(1).startsWith("README.md:3: docs/nothing.md: no such file"),
                problems.get(1));
        assertTrue(
                problems.get(2).startsWith("README.md:3: docs/api.md#no-such-heading: no heading"),
                problems.get(2));
        assertTrue(
                problems.get(3).startsWith("docs/api.md:7: models.md: no such file"),
                problems.get(3));
    }

    @Test
    void theCheckFailsOnAPageWithoutItsSummaryOrTooLong(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("README.md"), "# Demo\n");
        Files.writeString(
                root.resolve("docs/good.md"), "# Good\n\nOne line,\nand a second.\n\n## Section\n");
        Files.writeString(
                root.resolve("docs/no-summary.md"), "# No summary\n\n## Straight to a section\n");
        Files.writeString(
                root.resolve("docs/long.md"),
                "# Long\n\nSummary.\n\n" + "text\n".repeat(DocsLinks.MAX_PAGE_LINES));

        List<String> problems = DocsLinks.check(root);

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("docs/long.md: 604 lines"), problems.get(0));
        assertTrue(
                problems.get(1).startsWith("docs/no-summary.md: the title must be followed"),
                problems.get(1));
    }

    @Test
    void anchorsFollowGitHubsRules() {
        assertEquals(
                "get-v1documents--get-v1documentskey-summaries-of-s3-uploads",
                DocsLinks.slug(
                        "`GET /v1/documents` · `GET /v1/documents/{key}` (summaries of S3 uploads)"));
        assertEquals(
                "hosting-the-playground-s3--cloudfront",
                DocsLinks.slug("Hosting the playground (S3 + CloudFront)"));
        assertEquals(
                "openai-compatible-api-openaiv1",
                DocsLinks.slug("OpenAI-compatible API (`/openai/v1`)"));
        assertEquals(
                java.util.Set.of("figures", "figures-1", "not_verified"),
                DocsLinks.anchorsOf(
                        List.of(
                                "## Figures",
                                "### Figures",
                                "```",
                                "## In a fence",
                                "```",
                                "## Not_verified")));
    }
}
