package dev.parley.bedrock;

import dev.parley.modelcall.AccountReport;
import dev.parley.modelcall.AccountReports;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.FoundationModelLifecycle;
import software.amazon.awssdk.services.bedrock.model.FoundationModelSummary;
import software.amazon.awssdk.services.bedrock.model.GetFoundationModelAvailabilityResponse;
import software.amazon.awssdk.services.bedrock.model.GetPromptRouterResponse;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileModel;
import software.amazon.awssdk.services.bedrock.model.InferenceProfileType;
import software.amazon.awssdk.services.bedrock.model.ResourceNotFoundException;

/**
 * Asks Bedrock's control plane what the account and Region say about catalog models:
 * {@code ListFoundationModels} (listed here? its {@code modelLifecycle}: status, legacyTime,
 * endOfLifeTime), {@code ListInferenceProfiles} (does a catalog profile exist here) and
 * {@code GetFoundationModelAvailability} (authorization, entitlement, Region, agreement). Shapes:
 * botocore's {@code bedrock} service model. The answers become {@link AccountReport}s; no SDK type
 * leaves this class. An application inference profile or prompt router ARN is described
 * (GetInferenceProfile, GetPromptRouter): one the account no longer has is not callable, and one
 * routing to a model the account reports legacy (or does not list) carries that model's lifecycle
 * (or is not callable), so the refresh's metric and alarm see both.
 */
@ApplicationScoped
public class ModelAccountGateway {
    private final BedrockClient bedrock;

    ModelAccountGateway(BedrockClient bedrock) {
        this.bedrock = bedrock;
    }

    /** One report per catalog id; a failing list call fails the whole survey (the refresh reports it). */
    public AccountReports survey(Collection<String> catalogIds, Instant now) {
        Map<String, FoundationModelSummary> models = new HashMap<>();
        bedrock.listFoundationModels(r -> {})
                .modelSummaries()
                .forEach(m -> models.put(m.modelId(), m));
        Set<String> profiles = new HashSet<>();
        bedrock.listInferenceProfilesPaginator(
                        r -> r.typeEquals(InferenceProfileType.SYSTEM_DEFINED))
                .inferenceProfileSummaries()
                .forEach(p -> profiles.add(p.inferenceProfileId()));
        Map<String, AccountReport> reports = new LinkedHashMap<>();
        Map<String, List<String>> availability = new HashMap<>();
        for (String id : catalogIds) {
            if (id.startsWith("arn:")) {
                reports.put(id, resourceReport(id, models, now));
                continue;
            }
            String base = FeatureMatrix.baseModelId(id);
            List<String> problems = new ArrayList<>();
            FoundationModelSummary summary = models.get(base);
            boolean viaProfile = FeatureMatrix.profilePrefix(id).isPresent();
            if (summary == null) {
                problems.add("ListFoundationModels does not list " + base + " in this Region");
            } else if (!viaProfile
                    && !summary.inferenceTypesSupportedAsStrings().contains("ON_DEMAND")) {
                problems.add(
                        "no on-demand throughput for "
                                + base
                                + "; name one of its inference profiles");
            }
            if (viaProfile && !profiles.contains(id)) {
                problems.add(
                        "ListInferenceProfiles does not list the inference profile "
                                + id
                                + " in this Region");
            }
            problems.addAll(availability.computeIfAbsent(base, this::availabilityProblems));
            Optional<FoundationModelLifecycle> lifecycle =
                    Optional.ofNullable(summary).map(FoundationModelSummary::modelLifecycle);
            reports.put(
                    id,
                    new AccountReport(
                            id,
                            lifecycle.map(FoundationModelLifecycle::statusAsString).orElse(null),
                            lifecycle
                                    .map(FoundationModelLifecycle::legacyTime)
                                    .map(ModelAccountGateway::day)
                                    .orElse(null),
                            lifecycle
                                    .map(FoundationModelLifecycle::endOfLifeTime)
                                    .map(ModelAccountGateway::day)
                                    .orElse(null),
                            problems.isEmpty(),
                            problems,
                            now));
        }
        return new AccountReports(now, reports);
    }

    /**
     * An application inference profile or prompt router: does the account still have it, and what
     * the account says about the models behind it. Other ARNs (a foundation model's, a system
     * profile's) are reported callable, without a lifecycle of their own.
     */
    private AccountReport resourceReport(
            String arn, Map<String, FoundationModelSummary> models, Instant now) {
        List<String> behind;
        try {
            if (arn.contains(":application-inference-profile/")) {
                behind =
                        bedrock
                                .getInferenceProfile(r -> r.inferenceProfileIdentifier(arn))
                                .models()
                                .stream()
                                .map(InferenceProfileModel::modelArn)
                                .toList();
            } else if (arn.contains("prompt-router/")) {
                GetPromptRouterResponse router =
                        bedrock.getPromptRouter(r -> r.promptRouterArn(arn));
                List<String> arns = new ArrayList<>();
                router.models().forEach(m -> arns.add(m.modelArn()));
                if (router.fallbackModel() != null) {
                    arns.add(router.fallbackModel().modelArn());
                }
                behind = arns;
            } else {
                return new AccountReport(arn, null, null, null, true, List.of(), now);
            }
        } catch (ResourceNotFoundException e) {
            return new AccountReport(
                    arn,
                    null,
                    null,
                    null,
                    false,
                    List.of("the account has no such resource (deleted?): " + e.getMessage()),
                    now);
        } catch (SdkException e) {
            return new AccountReport(
                    arn,
                    null,
                    null,
                    null,
                    false,
                    List.of("could not describe it: " + e.getMessage()),
                    now);
        }
        List<String> problems = new ArrayList<>();
        FoundationModelLifecycle legacy = null;
        for (String modelArn : behind) {
            String base = FeatureMatrix.baseModelId(modelArn.substring(modelArn.indexOf('/') + 1));
            FoundationModelSummary summary = models.get(base);
            if (summary == null) {
                problems.add("routes to " + base + ", which ListFoundationModels does not list");
            } else if (summary.modelLifecycle() != null
                    && AccountReport.LEGACY.equals(summary.modelLifecycle().statusAsString())) {
                problems.add("routes to " + base + ", which the account reports LEGACY");
                legacy = legacy == null ? summary.modelLifecycle() : legacy;
            }
        }
        boolean callable = problems.stream().noneMatch(p -> p.endsWith("does not list"));
        if (legacy == null) {
            return new AccountReport(arn, null, null, null, callable, problems, now);
        }
        return new AccountReport(
                arn,
                AccountReport.LEGACY,
                legacy.legacyTime() == null ? null : day(legacy.legacyTime()),
                legacy.endOfLifeTime() == null ? null : day(legacy.endOfLifeTime()),
                callable,
                problems,
                now);
    }

    private List<String> availabilityProblems(String base) {
        List<String> problems = new ArrayList<>();
        try {
            GetFoundationModelAvailabilityResponse a =
                    bedrock.getFoundationModelAvailability(r -> r.modelId(base));
            if (!"AUTHORIZED".equals(a.authorizationStatusAsString())) {
                problems.add("not authorized (" + a.authorizationStatusAsString() + ")");
            }
            if (!"AVAILABLE".equals(a.entitlementAvailabilityAsString())) {
                problems.add("no entitlement (" + a.entitlementAvailabilityAsString() + ")");
            }
            if (!"AVAILABLE".equals(a.regionAvailabilityAsString())) {
                problems.add(
                        "not available in this Region (" + a.regionAvailabilityAsString() + ")");
            }
            if (a.agreementAvailability() != null
                    && !"AVAILABLE".equals(a.agreementAvailability().statusAsString())) {
                problems.add("model agreement " + a.agreementAvailability().statusAsString());
            }
        } catch (SdkException e) {
            problems.add("GetFoundationModelAvailability failed: " + e.getMessage());
        }
        return problems;
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
