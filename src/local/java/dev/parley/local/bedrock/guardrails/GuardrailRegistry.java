package dev.parley.local.bedrock.guardrails;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guardrails of the emulated account: each has a working draft ({@code DRAFT}) and numbered,
 * immutable versions snapshotted from it. Guardrails outlive {@code /_emulator/reset}, as
 * resources in an account do. Thread-safe.
 */
public final class GuardrailRegistry {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";

    /** The demo guardrail every emulator starts with (see docs/guardrails.md). */
    public static final String DEMO_ID = "parleydemo";

    private static final Pattern IDENTIFIER =
            Pattern.compile(
                    "([a-z0-9]+)|arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/([a-z0-9]+)");
    private static final Pattern VERSION = Pattern.compile("DRAFT|[1-9][0-9]{0,7}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One version of a guardrail: its policies and messages exactly as GetGuardrail shows them, and
     * the Automated Reasoning policies its config names (their definitions, for the checks).
     */
    record Version(
            String version,
            ObjectNode config,
            String description,
            Instant createdAt,
            Instant updatedAt,
            List<ReasoningPolicies.Policy> reasoning) {
        String blockedMessage(String source) {
            return config.path(
                            "INPUT".equals(source)
                                    ? "blockedInputMessaging"
                                    : "blockedOutputsMessaging")
                    .asText();
        }
    }

    private static final class Guardrail {
        final String id;
        Version draft;
        final TreeMap<Integer, Version> versions = new TreeMap<>();

        Guardrail(String id, Version draft) {
            this.id = id;
            this.draft = draft;
        }
    }

    private final Map<String, Guardrail> guardrails = new LinkedHashMap<>();
    private final EnforcedGuardrails enforced = new EnforcedGuardrails(this);
    private final ReasoningPolicies reasoning = new ReasoningPolicies();

    public GuardrailRegistry() {
        createDemo();
    }

    /** The account's and the organization's enforced guardrails. */
    public EnforcedGuardrails enforced() {
        return enforced;
    }

    /** The Automated Reasoning policies guardrails may name. */
    ReasoningPolicies reasoning() {
        return reasoning;
    }

    static String arn(String id) {
        return "arn:aws:bedrock:" + REGION + ":" + ACCOUNT + ":guardrail/" + id;
    }

    /** CreateGuardrail: validates the body and stores it as the DRAFT of a new guardrail. */
    synchronized ObjectNode create(JsonNode request) {
        return create(request, newId());
    }

    private ObjectNode create(JsonNode request, String id) {
        ObjectNode policies = GuardrailConfigs.policies(request);
        List<String> errors = new ArrayList<>();
        List<ReasoningPolicies.Policy> checks =
                ReasoningConfigs.read(
                        request.path("automatedReasoningPolicyConfig"),
                        reasoning,
                        policies,
                        errors);
        if (!errors.isEmpty()) {
            throw GuardrailFault.validation(
                    errors.size() + " validation error(s) detected: " + String.join("; ", errors));
        }
        String name = request.path("name").asText();
        for (Guardrail existing : guardrails.values()) {
            if (existing.draft.config().path("name").asText().equals(name)) {
                throw GuardrailFault.conflict(
                        "A guardrail with the name " + name + " already exists.");
            }
        }
        Instant now = Instant.now();
        ObjectNode config = Wire.object();
        config.put("name", name);
        if (request.hasNonNull("description")) {
            config.put("description", request.get("description").asText());
        }
        config.setAll(policies);
        config.put("blockedInputMessaging", request.path("blockedInputMessaging").asText());
        config.put("blockedOutputsMessaging", request.path("blockedOutputsMessaging").asText());
        guardrails.put(
                id,
                new Guardrail(
                        id,
                        new Version(
                                "DRAFT",
                                config,
                                config.path("description").asText(null),
                                now,
                                now,
                                checks)));
        return Wire.object()
                .put("guardrailId", id)
                .put("guardrailArn", arn(id))
                .put("version", "DRAFT")
                .put("createdAt", now.toString());
    }

    /** GetGuardrail: the DRAFT unless a version is named. */
    synchronized ObjectNode get(String identifier, String version) {
        Guardrail guardrail = find(identifier);
        Version found = version(guardrail, version == null ? "DRAFT" : version);
        ObjectNode out = found.config().deepCopy();
        out.put("guardrailId", guardrail.id)
                .put("guardrailArn", arn(guardrail.id))
                .put("version", found.version())
                .put("status", "READY")
                .put("createdAt", found.createdAt().toString())
                .put("updatedAt", found.updatedAt().toString());
        if (found.description() != null) {
            out.put("description", found.description());
        }
        return out;
    }

    /** ListGuardrails: every guardrail's DRAFT, or every version of one guardrail; paged by an offset token. */
    synchronized ObjectNode list(String identifier, Integer maxResults, String nextToken) {
        List<ObjectNode> summaries = new ArrayList<>();
        if (identifier != null) {
            Guardrail guardrail = find(identifier);
            summaries.add(summary(guardrail, guardrail.draft));
            guardrail.versions.values().forEach(v -> summaries.add(summary(guardrail, v)));
        } else {
            guardrails.values().forEach(g -> summaries.add(summary(g, g.draft)));
        }
        int limit = maxResults == null ? 1000 : maxResults;
        if (limit < 1 || limit > 1000) {
            throw GuardrailFault.validation(
                    "1 validation error detected: Value '"
                            + limit
                            + "' at 'maxResults' failed"
                            + " to satisfy constraint: Member must have value between 1 and 1000");
        }
        int from;
        try {
            from = nextToken == null ? 0 : Integer.parseInt(nextToken);
        } catch (NumberFormatException e) {
            throw GuardrailFault.validation("The provided pagination token is invalid.");
        }
        ObjectNode out = Wire.object();
        ArrayNode page = out.putArray("guardrails");
        summaries.stream().skip(from).limit(limit).forEach(page::add);
        if (from + limit < summaries.size()) {
            out.put("nextToken", Integer.toString(from + limit));
        }
        return out;
    }

    /** CreateGuardrailVersion: snapshots the DRAFT as the next number. */
    synchronized ObjectNode createVersion(String identifier, JsonNode request) {
        Guardrail guardrail = find(identifier);
        int number = guardrail.versions.isEmpty() ? 1 : guardrail.versions.lastKey() + 1;
        Instant now = Instant.now();
        String description =
                request.hasNonNull("description")
                        ? request.get("description").asText()
                        : guardrail.draft.description();
        guardrail.versions.put(
                number,
                new Version(
                        Integer.toString(number),
                        guardrail.draft.config().deepCopy(),
                        description,
                        now,
                        now,
                        guardrail.draft.reasoning()));
        return Wire.object()
                .put("guardrailId", guardrail.id)
                .put("version", Integer.toString(number));
    }

    /** DeleteGuardrail: one numbered version, or the guardrail with all its versions. */
    synchronized void delete(String identifier, String version) {
        Guardrail guardrail = find(identifier);
        if (version == null) {
            guardrails.remove(guardrail.id);
            return;
        }
        if (!version.matches("[1-9][0-9]{0,7}")) {
            throw GuardrailFault.validation(
                    "1 validation error detected: Value '"
                            + version
                            + "' at 'guardrailVersion'"
                            + " failed to satisfy constraint: Member must satisfy regular expression pattern: [1-9][0-9]{0,7}");
        }
        if (guardrail.versions.remove(Integer.parseInt(version)) == null) {
            throw notFound(identifier);
        }
    }

    /**
     * The version a runtime call (Converse, ApplyGuardrail) names. The runtime refuses what does not
     * exist with a ValidationException, not a 404, in Bedrock's wording.
     */
    synchronized Version resolve(String identifier, String version) {
        Matcher matcher = identifier == null ? null : IDENTIFIER.matcher(identifier);
        if (matcher == null || !matcher.matches()) {
            throw GuardrailFault.validation("The provided guardrail identifier is invalid.");
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw GuardrailFault.validation("The provided guardrail version is invalid.");
        }
        String id = matcher.group(1) != null ? matcher.group(1) : matcher.group(3);
        Guardrail guardrail = guardrails.get(id);
        Version found =
                guardrail == null
                        ? null
                        : version.equals("DRAFT")
                                ? guardrail.draft
                                : guardrail.versions.get(Integer.parseInt(version));
        if (found == null) {
            throw GuardrailFault.validation(
                    "The guardrail identifier or version provided in the request does not exist.");
        }
        return found;
    }

    /** The guardrail id behind an id or ARN (for the trace's assessment keys). */
    static String idOf(String identifier) {
        int slash = identifier.lastIndexOf('/');
        return slash < 0 ? identifier : identifier.substring(slash + 1);
    }

    private Guardrail find(String identifier) {
        Guardrail guardrail = identifier == null ? null : guardrails.get(idOf(identifier));
        if (guardrail == null) {
            throw notFound(identifier);
        }
        return guardrail;
    }

    private static Version version(Guardrail guardrail, String version) {
        Version found =
                version.equals("DRAFT")
                        ? guardrail.draft
                        : version.matches("[1-9][0-9]{0,7}")
                                ? guardrail.versions.get(Integer.parseInt(version))
                                : null;
        if (found == null) {
            throw notFound(guardrail.id + " version " + version);
        }
        return found;
    }

    private static GuardrailFault notFound(String what) {
        return GuardrailFault.notFound("The specified guardrail " + what + " was not found.");
    }

    private static ObjectNode summary(Guardrail guardrail, Version version) {
        ObjectNode summary =
                Wire.object()
                        .put("id", guardrail.id)
                        .put("arn", arn(guardrail.id))
                        .put("status", "READY")
                        .put("name", version.config().path("name").asText())
                        .put("version", version.version())
                        .put("createdAt", version.createdAt().toString())
                        .put("updatedAt", version.updatedAt().toString());
        if (version.description() != null) {
            summary.put("description", version.description());
        }
        return summary;
    }

    static String newId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    /** {@value #DEMO_ID}, version 1 (see {@link DemoGuardrail}). */
    private void createDemo() {
        synchronized (this) {
            create(DemoGuardrail.request(), DEMO_ID);
            createVersion(DEMO_ID, Wire.object());
        }
    }
}
