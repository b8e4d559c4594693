package dev.parley.local.catalog;

import dev.parley.bedrock.FeatureMatrix;
import dev.parley.modelcall.ModelFeatures;
import dev.parley.modelcall.ModelLifecycle;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.BedrockClientBuilder;
import software.amazon.awssdk.services.bedrock.model.FoundationModelSummary;
import software.amazon.awssdk.services.bedrock.model.GetFoundationModelAvailabilityResponse;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileSummary;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileType;

/**
 * The catalog check: asks real Bedrock (ListFoundationModels, ListInferenceProfiles,
 * GetFoundationModelAvailability) whether the account and Region can call each model of Parley's
 * catalog, and whether Bedrock's lifecycle agrees with the feature matrix's dates. A deployer runs
 * it before (and after) a deploy with the credentials the function will have:
 * {@code ./mvnw -q test-compile exec:java@catalog-check -Dexec.args="--region us-east-1"}.
 * Exit status 0 when every entry Parley still serves is callable and no lifecycle disagrees, 1 otherwise.
 * A local tool (src/local): never part of the Lambda artifact.
 */
public final class CatalogCheck {
    private static final Pattern CATALOG_ID =
            Pattern.compile("parley\\.models\\.catalog\\.([a-z0-9-]+)\\.id");

    /** One catalog entry's verdict. */
    public record Result(
            String alias,
            String id,
            boolean callable,
            String parleyLifecycle,
            String bedrockLifecycle,
            List<String> problems,
            List<String> mismatches) {

        /** Whether this entry needs the deployer's attention (a retired entry Bedrock no longer serves does not). */
        public boolean needsAttention() {
            return !mismatches.isEmpty() || (!callable && !"retired".equals(parleyLifecycle));
        }
    }

    private CatalogCheck() {}

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        BedrockClientBuilder builder =
                BedrockClient.builder().httpClient(UrlConnectionHttpClient.builder().build());
        Optional.ofNullable(options.get("region")).map(Region::of).ifPresent(builder::region);
        if (options.containsKey("endpoint")) {
            // A local stand-in (the Bedrock emulator): any credentials sign for it.
            builder.endpointOverride(URI.create(options.get("endpoint")))
                    .credentialsProvider(
                            StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create("local", "local")));
            if (!options.containsKey("region")) {
                builder.region(Region.US_EAST_1);
            }
        }
        List<Result> results;
        try (BedrockClient bedrock = builder.build()) {
            results =
                    check(
                            bedrock,
                            catalog(applicationProperties()),
                            FeatureMatrix.load(),
                            LocalDate.now(ZoneOffset.UTC));
        } catch (SdkException e) {
            System.err.println(
                    "catalog check: the Bedrock control-plane calls failed: " + e.getMessage());
            System.err.println(
                    "The caller needs bedrock:ListFoundationModels, bedrock:ListInferenceProfiles and"
                            + " bedrock:GetFoundationModelAvailability.");
            System.exit(2);
            return;
        }
        print(results, System.out);
        System.exit(results.stream().anyMatch(Result::needsAttention) ? 1 : 0);
    }

    /** The catalog Parley deploys with: alias → model or profile id, narrowed by parley.models.allowed. */
    public static Map<String, String> catalog(Properties properties) {
        Map<String, String> catalog = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames().stream().sorted().toList()) {
            Matcher m = CATALOG_ID.matcher(name);
            if (m.matches()) {
                catalog.put(m.group(1), properties.getProperty(name).trim());
            }
        }
        String allowed = properties.getProperty("parley.models.allowed");
        if (allowed != null && !allowed.isBlank()) {
            Set<String> keep = Set.of(allowed.split("\\s*,\\s*"));
            catalog.keySet().retainAll(keep);
        }
        return catalog;
    }

    public static List<Result> check(
            BedrockClient bedrock,
            Map<String, String> catalog,
            FeatureMatrix matrix,
            LocalDate today) {
        Map<String, FoundationModelSummary> models = new HashMap<>();
        bedrock.listFoundationModels(r -> {})
                .modelSummaries()
                .forEach(m -> models.put(m.modelId(), m));
        Set<String> profiles = new HashSet<>();
        bedrock.listInferenceProfilesPaginator(
                        r -> r.typeEquals(InferenceProfileType.SYSTEM_DEFINED))
                .inferenceProfileSummaries()
                .forEach(p -> profiles.add(profileId(p)));
        long now = today.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        List<Result> results = new ArrayList<>();
        catalog.forEach(
                (alias, id) -> {
                    String base = FeatureMatrix.baseModelId(id);
                    boolean viaProfile = FeatureMatrix.profilePrefix(id).isPresent();
                    List<String> problems = new ArrayList<>();
                    List<String> mismatches = new ArrayList<>();
                    FoundationModelSummary summary = models.get(base);
                    if (summary == null) {
                        problems.add(
                                "ListFoundationModels does not list "
                                        + base
                                        + " in this Region (not offered here, or past its end of life)");
                    } else if (!viaProfile
                            && !summary.inferenceTypesSupportedAsStrings().contains("ON_DEMAND")) {
                        problems.add(
                                "no on-demand throughput for "
                                        + base
                                        + "; name one of its inference profiles in the catalog");
                    }
                    if (viaProfile && !profiles.contains(id)) {
                        problems.add(
                                "ListInferenceProfiles does not list the inference profile "
                                        + id
                                        + " in this Region");
                    }
                    availability(bedrock, base, problems);
                    Optional<ModelFeatures> row = matrix.find(id);
                    String parley =
                            row.map(
                                            r ->
                                                    ModelLifecycle.of(
                                                                    r.lifecycle().legacyDate(),
                                                                    r.lifecycle()
                                                                            .eolDate(
                                                                                    FeatureMatrix
                                                                                            .geography(
                                                                                                    id)),
                                                                    Optional.empty())
                                                            .state(now)
                                                            .label())
                                    .orElse("not in the matrix");
                    String bedrockState =
                            summary == null || summary.modelLifecycle() == null
                                    ? "not listed"
                                    : summary.modelLifecycle()
                                            .statusAsString()
                                            .toLowerCase(java.util.Locale.ROOT);
                    if (summary != null && !bedrockState.equals(parley)) {
                        mismatches.add(
                                "Bedrock says "
                                        + bedrockState
                                        + ", the matrix's dates say "
                                        + parley);
                    }
                    if (summary == null
                            && !"retired".equals(parley)
                            && row.isPresent()
                            && row.get().lifecycle().legacyDate().isPresent()) {
                        // A legacy model that is gone has passed an end of life the matrix does not
                        // know yet.
                        mismatches.add(
                                "Bedrock no longer lists it, the matrix's dates say " + parley);
                    }
                    if (summary != null
                            && summary.modelLifecycle() != null
                            && summary.modelLifecycle().endOfLifeTime() != null
                            && row.isPresent()) {
                        LocalDate bedrockEol =
                                LocalDate.ofInstant(
                                        summary.modelLifecycle().endOfLifeTime(), ZoneOffset.UTC);
                        Optional<LocalDate> matrixEol =
                                row.get().lifecycle().eolDate(FeatureMatrix.geography(id));
                        if (matrixEol.isEmpty() || !matrixEol.get().equals(bedrockEol)) {
                            mismatches.add(
                                    "Bedrock's end of life is "
                                            + bedrockEol
                                            + ", the matrix's "
                                            + matrixEol.map(Object::toString).orElse("none"));
                        }
                    }
                    results.add(
                            new Result(
                                    alias,
                                    id,
                                    problems.isEmpty(),
                                    parley,
                                    bedrockState,
                                    problems,
                                    mismatches));
                });
        return results;
    }

    private static void availability(BedrockClient bedrock, String base, List<String> problems) {
        try {
            GetFoundationModelAvailabilityResponse a =
                    bedrock.getFoundationModelAvailability(r -> r.modelId(base));
            if (!"AUTHORIZED".equals(a.authorizationStatusAsString())) {
                problems.add(
                        "not authorized ("
                                + a.authorizationStatusAsString()
                                + "): an IAM or organization policy denies it");
            }
            if (!"AVAILABLE".equals(a.entitlementAvailabilityAsString())) {
                problems.add(
                        "no entitlement ("
                                + a.entitlementAvailabilityAsString()
                                + "): the account has no access to it");
            }
            if (!"AVAILABLE".equals(a.regionAvailabilityAsString())) {
                problems.add(
                        "not available in this Region (" + a.regionAvailabilityAsString() + ")");
            }
            if (a.agreementAvailability() != null
                    && !"AVAILABLE".equals(a.agreementAvailability().statusAsString())) {
                problems.add(
                        "model agreement "
                                + a.agreementAvailability().statusAsString()
                                + Optional.ofNullable(a.agreementAvailability().errorMessage())
                                        .map(m -> ": " + m)
                                        .orElse("")
                                + " (first use subscribes through AWS Marketplace)");
            }
        } catch (SdkException e) {
            problems.add("GetFoundationModelAvailability failed: " + e.getMessage());
        }
    }

    private static String profileId(InferenceProfileSummary profile) {
        return profile.inferenceProfileId();
    }

    static void print(List<Result> results, PrintStream out) {
        out.printf(
                "%-24s %-52s %-9s %-8s %-10s %s%n",
                "ALIAS", "MODEL ID", "CALLABLE", "PARLEY", "BEDROCK", "NOTES");
        for (Result r : results) {
            List<String> notes = new ArrayList<>(r.problems());
            r.mismatches().forEach(m -> notes.add("LIFECYCLE MISMATCH: " + m));
            out.printf(
                    "%-24s %-52s %-9s %-8s %-10s %s%n",
                    r.alias(),
                    r.id(),
                    r.callable() ? "yes" : "NO",
                    r.parleyLifecycle(),
                    r.bedrockLifecycle(),
                    String.join("; ", notes));
        }
        long attention = results.stream().filter(Result::needsAttention).count();
        out.println(
                attention == 0
                        ? "Every catalog model Parley serves is callable here; lifecycles agree."
                        : attention
                                + " catalog entr"
                                + (attention == 1 ? "y needs" : "ies need")
                                + " attention (see NOTES).");
    }

    private static Properties applicationProperties() {
        Properties properties = new Properties();
        try (InputStream in =
                CatalogCheck.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is not on the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--region") || args[i].equals("--endpoint"))
                    && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                System.err.println(
                        "usage: CatalogCheck [--region us-east-1] [--endpoint http://127.0.0.1:8787]");
                System.exit(2);
            }
        }
        return options;
    }
}
