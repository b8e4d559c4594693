package dev.parley.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What the template's S3 trigger does, locally: watches the documents bucket's input prefix
 * (S3Proxy sends no notifications, so it lists the prefix every second) and posts a real-format S3
 * event notification to the function for every new or changed object. A failed invocation is
 * delivered again later, twice at most, like Lambda's asynchronous retries. Local runs and tests only.
 */
public final class LocalS3Notifier implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalS3Notifier.class);
    private static final int MAX_RETRIES = 2;

    private record Pending(S3Object object, int retries, Instant due) {}

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final URI lambdaRuntime;
    private final Duration retryDelay;
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    /** The ETag each key had when last delivered: a new ETag is a new version to announce. */
    private final Map<String, String> delivered = new HashMap<>();

    private final Map<String, Pending> retries = new HashMap<>();
    private final ScheduledExecutorService poller =
            Executors.newSingleThreadScheduledExecutor(
                    task -> {
                        Thread thread = new Thread(task, "local-s3-notifier");
                        thread.setDaemon(true);
                        return thread;
                    });

    private LocalS3Notifier(
            URI s3Endpoint, String bucket, String prefix, URI lambdaRuntime, Duration retryDelay) {
        this.s3 = LocalBuckets.client(s3Endpoint);
        this.bucket = bucket;
        this.prefix = prefix;
        this.lambdaRuntime = lambdaRuntime;
        this.retryDelay = retryDelay;
    }

    /**
     * Objects already in the bucket are announced too: versions summarized before are skipped by
     * the function, and uploads made while it was stopped are caught up.
     *
     * @param lambdaRuntime where events are posted, e.g. {@code http://127.0.0.1:8080/_lambda_}
     */
    public static LocalS3Notifier start(
            URI s3Endpoint,
            String bucket,
            String prefix,
            URI lambdaRuntime,
            Duration interval,
            Duration retryDelay) {
        LocalS3Notifier notifier =
                new LocalS3Notifier(s3Endpoint, bucket, prefix, lambdaRuntime, retryDelay);
        notifier.poller.scheduleWithFixedDelay(
                notifier::pollSafely,
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return notifier;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.debugf(
                    "polling s3://%s/%s failed (will try again): %s", bucket, prefix, e.toString());
        }
    }

    private void poll() {
        for (S3Object object :
                s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix)).contents()) {
            if (!object.eTag().equals(delivered.get(object.key()))
                    && !retries.containsKey(object.key())) {
                deliver(object, 0);
            }
        }
        Instant now = Instant.now();
        for (Pending pending : Map.copyOf(retries).values()) {
            if (!pending.due().isAfter(now)) {
                retries.remove(pending.object().key());
                deliver(pending.object(), pending.retries());
            }
        }
    }

    private void deliver(S3Object object, int retriesSoFar) {
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            HttpRequest.newBuilder(lambdaRuntime)
                                    .timeout(Duration.ofMinutes(5))
                                    .header("Content-Type", "application/json")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    event(object).toString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The function is not up yet: nothing was delivered, the next poll tries again.
            LOG.debugf("could not reach the function at %s: %s", lambdaRuntime, e.toString());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        delivered.put(object.key(), object.eTag());
        if (response.statusCode() / 100 == 2) {
            LOG.infof("s3://%s/%s uploaded: %s", bucket, object.key(), response.body());
        } else if (retriesSoFar < MAX_RETRIES) {
            LOG.warnf(
                    "s3://%s/%s: the function failed (%s); delivering it again in %s",
                    bucket, object.key(), response.body(), retryDelay);
            retries.put(
                    object.key(),
                    new Pending(object, retriesSoFar + 1, Instant.now().plus(retryDelay)));
        } else {
            LOG.errorf(
                    "s3://%s/%s: the function failed %d times; giving up like Lambda does: %s",
                    bucket, object.key(), retriesSoFar + 1, response.body());
        }
    }

    /** An S3 event notification as S3 sends it to Lambda: the key form-URL-encoded, the ETag bare. */
    ObjectNode event(S3Object object) {
        ObjectNode event = mapper.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", StandIns.REGION);
        record.put("eventTime", object.lastModified().toString());
        record.put("eventName", "ObjectCreated:Put");
        record.putObject("userIdentity").put("principalId", "LOCAL");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        record.putObject("responseElements").put("x-amz-request-id", UUID.randomUUID().toString());
        ObjectNode s3Node = record.putObject("s3");
        s3Node.put("s3SchemaVersion", "1.0");
        s3Node.put("configurationId", "parley-local-uploads");
        ObjectNode bucketNode = s3Node.putObject("bucket");
        bucketNode.put("name", bucket);
        bucketNode.putObject("ownerIdentity").put("principalId", "LOCAL");
        bucketNode.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode objectNode = s3Node.putObject("object");
        objectNode.put(
                "key", URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("%2F", "/"));
        objectNode.put("size", object.size());
        objectNode.put("eTag", object.eTag().replace("\"", ""));
        objectNode.put("sequencer", String.format("%016X", object.lastModified().toEpochMilli()));
        return event;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        s3.close();
    }
}
