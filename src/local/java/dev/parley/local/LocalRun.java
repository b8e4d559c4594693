package dev.parley.local;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * In dev mode with {@code -Plocal}: starts the stand-ins on their fixed ports and the local API
 * gateway on port 3000 in front of the function. Never part of the deployable artifact.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class LocalRun {
    private static final Logger LOG = Logger.getLogger(LocalRun.class);

    private StandIns standIns;
    private LocalApiGateway gateway;
    private LocalS3Notifier uploads;
    private LambdaInstances instances;
    private LocalStreamFunction streamFunction;
    private LocalRuntimeApi runtimeApi;

    void start(
            @Observes StartupEvent event,
            LocalRunSettings settings,
            @ConfigProperty(name = "parley.documents.input-prefix", defaultValue = "uploads/")
                    String inputPrefix)
            throws IOException {
        // The function's Runtime API, on loopback (Quarkus's mock event server, disabled in the dev
        // profile, listens on every interface: anyone on the network could post an event with a
        // forged authorizer context). application.properties points Quarkus's poll loop here too.
        runtimeApi = LocalRuntimeApi.start(settings.runtimePort());
        URI events = URI.create("http://" + runtimeApi.address() + LocalRuntimeApi.EVENTS);
        boolean emulator = !"aws".equalsIgnoreCase(settings.bedrock());
        standIns =
                StandIns.start(
                        new StandIns.Options(
                                settings.host(),
                                settings.bedrockPort(),
                                settings.dynamodbPort(),
                                settings.s3Port(),
                                settings.weatherPort(),
                                settings.managementPort(),
                                settings.lambdaPort(),
                                Optional.of(Path.of(settings.dataDir())),
                                emulator,
                                settings.faults()));
        // Handed-off chat turns (Lambda Event invocations) run in the same runtime, as the stream
        // function.
        standIns.lambdaApi().runtime(events);
        // Invocations run concurrently, as on several Lambda instances. Quarkus's own loop may
        // poll too (it gives up if it started before this runtime API listened): one more instance.
        instances =
                LambdaInstances.start(
                        runtimeApi.address() + LocalRuntimeApi.EVENTS,
                        Math.max(1, settings.concurrency()));
        gateway =
                LocalApiGateway.start(
                        settings.host(), settings.apiPort(), events, standIns.managementApi());
        // The streaming routes run in the stream function's own runtime loop, as deployed.
        streamFunction = LocalStreamFunction.start(Math.max(1, settings.concurrency()));
        gateway.streamFunction(streamFunction);
        // The deployed stack refreshes what the account says about the catalog at deploy (the
        // deploy hook) and daily; the local run does it at start-up, against the emulator (or the
        // account, with parley.local.bedrock=aws).
        if (settings.refreshCatalogAtStartUp()) {
            StartUpCatalogRefresh.atStartUp(events);
        }
        // S3Proxy sends no event notifications: this stands in for the template's S3 trigger.
        uploads =
                LocalS3Notifier.start(
                        standIns.s3Endpoint(),
                        StandIns.DOCUMENTS_BUCKET,
                        inputPrefix,
                        events,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(60));
        LOG.infof(
                """
                Parley is running locally.
                  API:       http://%s:%d   (try: curl http://%s:%d/v1/health)
                  Playground: http://%s:%d/   (in a browser)
                  WebSocket: ws://%s:%d/ws   (streamed chat: {"action":"chat","message":"..."})
                  Bedrock:   %s
                  Lambda:    %s   (WebSocket chat turns are handed off through it)
                  Runtime:   %s   (POST an event: the function's answer; loopback only)
                  DynamoDB:  %s
                  S3:        %s   (uploads: s3://%s/%s{owner}/...)
                  Data:      %s
                  Invocations at once: %d%s""",
                settings.host(),
                gateway.port(),
                settings.host(),
                gateway.port(),
                settings.host(),
                gateway.port(),
                settings.host(),
                gateway.port(),
                standIns.bedrockEndpoint()
                        .map(URI::toString)
                        .orElse("real Amazon Bedrock (your AWS credentials)"),
                standIns.lambdaApi().endpoint(),
                events,
                standIns.dynamoEndpoint(),
                standIns.s3Endpoint(),
                StandIns.DOCUMENTS_BUCKET,
                inputPrefix,
                Path.of(settings.dataDir()).toAbsolutePath(),
                Math.max(1, settings.concurrency()),
                standIns.faultProxies().isEmpty()
                        ? ""
                        : "\n  Fault proxies: " + standIns.faultProxies());
    }

    void stop(@Observes ShutdownEvent event) {
        if (uploads != null) {
            uploads.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (instances != null) {
            instances.close();
        }
        if (streamFunction != null) {
            streamFunction.close();
        }
        if (standIns != null) {
            standIns.close();
        }
        if (runtimeApi != null) {
            runtimeApi.close();
        }
    }
}
