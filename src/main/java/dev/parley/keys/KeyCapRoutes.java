package dev.parley.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.error.ErrorCode;
import dev.parley.error.ParleyException;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.JsonBody;
import dev.parley.http.Route;
import dev.parley.identity.Caller;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * {@code /v1/keys/caps}: the caps admins set that a non-admin's keys cannot exceed, for every owner
 * or ({@code ?owner=}) for one. Anyone may read the caps that bind their own keys; only admins
 * set or remove them. Listed by {@link KeyRoutes} ahead of {@code /v1/keys/{id}}.
 */
@ApplicationScoped
class KeyCapRoutes {
    private static final Logger LOG = Logger.getLogger(KeyCapRoutes.class);

    /** What PUT reads: the limits of a key, without its default service tier (not a limit). */
    static final Set<String> CAP_FIELDS =
            Set.of(
                    "models",
                    "rpm",
                    "tpm",
                    "dailyTokens",
                    "dailyUsd",
                    "monthlyTokens",
                    "monthlyUsd");

    private final KeyCapStore store;
    private final KeyCaps caps;
    private final JsonBody json;
    private final KeyModels catalog;
    private final Clock clock;

    KeyCapRoutes(KeyCapStore store, KeyCaps caps, JsonBody json, KeyModels catalog, Clock clock) {
        this.store = store;
        this.caps = caps;
        this.json = json;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The caps binding one owner's self-service keys, by where they come from. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CapsView(
            String owner,
            KeyViews.Limits deployment,
            KeyViews.Limits everyOwner,
            KeyViews.Limits thisOwner) {}

    /** The caps one PUT stored ({@code owner} absent: every owner's). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StoredCaps(String owner, KeyViews.Limits caps) {}

    List<Route> routes() {
        return List.of(
                Route.get("/v1/keys/caps", this::read),
                new Route("PUT", "/v1/keys/caps", this::set),
                Route.delete("/v1/keys/caps", this::remove));
    }

    private HttpResponse read(HttpRequest request) {
        String owner = KeyRights.owner(request.identity(), request.queryParam("owner"));
        return HttpResponse.ok(
                new CapsView(
                        owner,
                        KeyViews.Limits.of(caps.deployment()),
                        store.read(KeyCapStore.EVERY_OWNER).map(KeyViews.Limits::of).orElse(null),
                        store.read(owner).map(KeyViews.Limits::of).orElse(null)));
    }

    private HttpResponse set(HttpRequest request) {
        Caller caller = requireAdmin(request);
        Optional<String> owner = owner(request);
        KeyFields fields = new KeyFields(json.fields(request), catalog);
        KeyLimits read = fields.limits(KeyLimits.NONE);
        KeyLimits limits =
                new KeyLimits(
                        read.models(),
                        read.rpm(),
                        read.tpm(),
                        read.dailyTokens(),
                        read.dailyUsd(),
                        read.monthlyTokens(),
                        read.monthlyUsd());
        store.write(
                owner.orElse(KeyCapStore.EVERY_OWNER),
                limits,
                caller.keyId().map(id -> "key " + id).orElse(caller.id()),
                clock.instant());
        LOG.infof(
                "key caps for %s set by %s",
                owner.orElse("every owner"),
                caller.keyId().map(id -> "key " + id).orElse(caller.id()));
        return fields.warnUnknown(
                HttpResponse.ok(new StoredCaps(owner.orElse(null), KeyViews.Limits.of(limits))),
                CAP_FIELDS);
    }

    private HttpResponse remove(HttpRequest request) {
        requireAdmin(request);
        Optional<String> owner = owner(request);
        if (!store.delete(owner.orElse(KeyCapStore.EVERY_OWNER))) {
            throw ParleyException.notFound(
                    "no key caps are set for "
                            + owner.map(o -> "owner " + o).orElse("every owner"));
        }
        return HttpResponse.noContent();
    }

    private static Caller requireAdmin(HttpRequest request) {
        Caller caller = request.identity();
        if (!caller.admin()) {
            throw new ParleyException(
                    ErrorCode.FORBIDDEN, "only an admin may set or remove key caps");
        }
        return caller;
    }

    /** {@code ?owner=}, checked like the key routes' (empty: the caps of every owner). */
    private static Optional<String> owner(HttpRequest request) {
        return request.queryParam("owner")
                .map(owner -> KeyRights.owner(request.identity(), Optional.of(owner)));
    }
}
