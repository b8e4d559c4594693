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
import software.amazon.awssdk.services.bedrock.model.InferenceProfileType;

/**
 * Asks Bedrock's control plane what the account and Region say about catalog models:
 * {@code ListFoundationModels} (listed here? its {@code modelLifecycle}: status, legacyTime,
 * endOfLifeTime), {@code ListInferenceProfiles} (does a catalog profile exist here) and
 * {@code GetFoundationModelAvailability} (authorization, entitlement, Region, agreement). Shapes:
 * botocore's {@code bedrock} service model. The answers become {@link AccountReport}s; no SDK type
 * leaves this class. ARNs (application inference profiles, prompt routers) are checked for what
 * the ARN alone says: they are reported callable, without a lifecycle of their own.
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
                reports.put(id, new AccountReport(id, null, null, null, true, List.of(), now));
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
