package dev.parley.deployhook;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * PUTs a reply to CloudFormation's pre-signed ResponseURL. No Content-Type (AWS's cfn-response
 * sends an empty one): the URL was signed without one, and S3 refuses a request whose signed
 * headers differ. The URL is never logged (its query string is a signature): the stack and
 * logical id say which reply it was.
 */
@ApplicationScoped
class ReplySender {
    private static final Logger LOG = Logger.getLogger(ReplySender.class);

    private final DeployHookSettings settings;
    private final HttpClient http;

    ReplySender(DeployHookSettings settings) {
        this.settings = settings;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(settings.replyTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /** Whether the reply was delivered (S3 answered 2xx); a failure is logged, never thrown. */
    boolean send(CustomResourceEvent.ReplyTo to, JsonNode reply) {
        String target = to.stackId() + " " + to.logicalResourceId();
        if (!settings.responseUrl().matcher(to.responseUrl().toString()).matches()) {
            LOG.errorf(
                    "deploy hook: not replying to %s: its ResponseURL is not a pre-signed S3 URL"
                            + " (parley.deploy-hook.response-url)",
                    target);
            return false;
        }
        HttpRequest request =
                HttpRequest.newBuilder(to.responseUrl())
                        .timeout(settings.replyTimeout())
                        .PUT(
                                HttpRequest.BodyPublishers.ofString(
                                        reply.toString(), StandardCharsets.UTF_8))
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                LOG.infof("deploy hook: replied %s to %s", reply.path("Status").asText(), target);
                return true;
            }
            LOG.errorf(
                    "deploy hook: the reply to %s was refused with HTTP %d",
                    target, response.statusCode());
        } catch (IOException e) {
            LOG.errorf(
                    "deploy hook: the reply to %s failed: %s",
                    target, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.errorf("deploy hook: the reply to %s was interrupted", target);
        }
        return false;
    }
}
