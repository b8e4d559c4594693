package dev.parley.deployhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.catalog.CatalogRefresh;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Answers template.yaml's ParleyDeployHook. Create and Update run the catalog refresh (so a deploy
 * refreshes what the account says about the catalog) and answer the digests of the resource's
 * {@code Config}: {@code ConfigDigest} of all of it, {@code <Name>Digest} of each object in it,
 * which version descriptions carry in place of settings too long for them. Delete answers at once.
 * The deploy never fails because of the refresh: its failure is named in the Reason, and the daily
 * schedule retries it.
 */
@ApplicationScoped
public class DeployHook {
    private static final Logger LOG = Logger.getLogger(DeployHook.class);

    /** The response body may not exceed 4,096 bytes (AWS, "Custom resource response objects"). */
    private static final int MAX_REASON = 1_000;

    /** Time kept for the reply after the refresh's budget. */
    private static final Duration REPLY_ROOM = Duration.ofSeconds(6);

    private final CatalogRefresh catalogRefresh;
    private final ReplySender replies;
    private final DeployHookSettings settings;
    private final ObjectMapper mapper;

    DeployHook(
            CatalogRefresh catalogRefresh,
            ReplySender replies,
            DeployHookSettings settings,
            ObjectMapper mapper) {
        this.catalogRefresh = catalogRefresh;
        this.replies = replies;
        this.settings = settings;
        this.mapper = mapper;
    }

    /**
     * Replies to CloudFormation and answers the same reply (with {@code replied}) as the
     * invocation's result, for the logs and {@code sam local invoke}. Never throws: a thrown error
     * would leave CloudFormation waiting for a reply until its timeout.
     */
    public JsonNode handle(CustomResourceEvent event, Instant deadline) {
        if (event instanceof CustomResourceEvent.Malformed malformed) {
            LOG.warnf(
                    "deploy hook: malformed request%s: %s",
                    malformed
                            .replyTo()
                            .map(to -> " from " + to.stackId() + " " + to.logicalResourceId())
                            .orElse(""),
                    malformed.problem());
            if (malformed.replyTo().isEmpty()) {
                return mapper.createObjectNode()
                        .put("Status", "FAILED")
                        .put("Reason", malformed.problem())
                        .put("replied", false);
            }
            CustomResourceEvent.ReplyTo to = malformed.replyTo().get();
            return send(
                    to,
                    reply(
                            to,
                            "FAILED",
                            malformed.problem(),
                            malformed.physicalResourceId().orElse(physicalId(to)),
                            null));
        }
        CustomResourceEvent.Request request = (CustomResourceEvent.Request) event;
        CustomResourceEvent.ReplyTo to = request.replyTo();
        // The same id on every reply: a different one would make CloudFormation replace the
        // resource.
        String physicalId = request.physicalResourceId().orElse(physicalId(to));
        LOG.infof(
                "deploy hook: %s from %s %s", request.type(), to.stackId(), to.logicalResourceId());
        if (request.type() == CustomResourceEvent.RequestType.DELETE) {
            return send(to, reply(to, "SUCCESS", "nothing to delete", physicalId, null));
        }
        JsonNode config = request.properties().path("Config");
        if (!config.isMissingNode() && !config.isObject()) {
            return send(
                    to,
                    reply(
                            to,
                            "FAILED",
                            "Config must be an object of the functions' settings",
                            physicalId,
                            null));
        }
        ObjectNode data = digests(config.isObject() ? config : mapper.createObjectNode());
        return send(to, reply(to, "SUCCESS", refresh(deadline), physicalId, data));
    }

    private ObjectNode digests(JsonNode config) {
        ObjectNode data = mapper.createObjectNode();
        data.put("ConfigDigest", ConfigDigest.of(config));
        Iterator<Map.Entry<String, JsonNode>> fields = config.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isObject()) {
                data.put(field.getKey() + "Digest", ConfigDigest.of(field.getValue()));
            }
        }
        return data;
    }

    /** Runs the refresh within its budget and says how it went, in words for the stack's events. */
    private String refresh(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline).minus(REPLY_ROOM);
        Duration budget =
                left.compareTo(settings.refreshBudget()) < 0 ? left : settings.refreshBudget();
        CompletableFuture<CatalogRefresh.Outcome> running =
                CompletableFuture.supplyAsync(catalogRefresh::refresh);
        try {
            CatalogRefresh.Outcome outcome =
                    running.get(Math.max(budget.toMillis(), 0), TimeUnit.MILLISECONDS);
            if (outcome.refreshed()) {
                return "catalog refreshed: "
                        + outcome.models()
                        + " model(s) reported by the account, "
                        + outcome.needingAttention().size()
                        + " needing attention"
                        + (outcome.needingAttention().isEmpty()
                                ? ""
                                : " " + outcome.needingAttention());
            }
            return "catalog refresh failed ("
                    + outcome.problem()
                    + "); the deploy goes on and the daily schedule"
                    + " retries the refresh";
        } catch (TimeoutException e) {
            return "catalog refresh still running after "
                    + budget.toSeconds()
                    + " s; the deploy goes on and the daily"
                    + " schedule retries the refresh";
        } catch (ExecutionException e) {
            LOG.errorf("deploy hook: the catalog refresh failed: %s", e.getCause());
            return "catalog refresh failed ("
                    + e.getCause().getClass().getSimpleName()
                    + "); the deploy goes on and"
                    + " the daily schedule retries the refresh";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "catalog refresh interrupted; the daily schedule retries it";
        }
    }

    private ObjectNode reply(
            CustomResourceEvent.ReplyTo to,
            String status,
            String reason,
            String physicalId,
            ObjectNode data) {
        ObjectNode reply = mapper.createObjectNode();
        reply.put("Status", status);
        reply.put(
                "Reason",
                reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "..." : reason);
        reply.put("PhysicalResourceId", physicalId);
        reply.put("StackId", to.stackId());
        reply.put("RequestId", to.requestId());
        reply.put("LogicalResourceId", to.logicalResourceId());
        if (data != null) {
            reply.set("Data", data);
        }
        return reply;
    }

    /** Sends {@code reply} to CloudFormation; answers it with whether it was delivered ({@code replied}). */
    private ObjectNode send(CustomResourceEvent.ReplyTo to, ObjectNode reply) {
        boolean replied = replies.send(to, reply);
        return reply.deepCopy().put("replied", replied);
    }

    /** Stable for the resource: its stack's name and logical id (AWS: at most 1 KB, never empty). */
    static String physicalId(CustomResourceEvent.ReplyTo to) {
        String[] arn = to.stackId().split("/");
        String stack = arn.length >= 2 ? arn[1] : to.stackId();
        String id = stack + "-" + to.logicalResourceId();
        return id.length() > 200 ? id.substring(0, 200) : id;
    }
}
