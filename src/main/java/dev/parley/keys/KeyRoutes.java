package dev.parley.keys;

import dev.parley.error.ParleyException;
import dev.parley.http.HttpRequest;
import dev.parley.http.HttpResponse;
import dev.parley.http.JsonBody;
import dev.parley.http.Route;
import dev.parley.http.RouteSet;
import dev.parley.identity.Caller;
import dev.parley.usage.LedgerEntry;
import dev.parley.usage.PriceTable;
import dev.parley.usage.UsageLedger;
import dev.parley.usage.UsageTotals;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * {@code /v1/keys}: create (the secret shown once), list, read with this month's usage, change,
 * revoke. Another owner's key answers 404 exactly like a missing one; admins may act on any
 * owner's keys ({@code ?owner=} to create and list).
 */
@ApplicationScoped
public class KeyRoutes implements RouteSet {
    private static final Logger LOG = Logger.getLogger(KeyRoutes.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9]{16}");

    private final KeyStore store;
    private final KeyVerifier verifier;
    private final KeySettings settings;
    private final JsonBody json;
    private final KeyModels catalog;
    private final UsageLedger ledger;
    private final PriceTable prices;
    private final Clock clock;
    private final KeyCaps caps;
    private final KeyCapRoutes capRoutes;

    KeyRoutes(
            KeyStore store,
            KeyVerifier verifier,
            KeySettings settings,
            JsonBody json,
            KeyModels catalog,
            UsageLedger ledger,
            PriceTable prices,
            Clock clock,
            KeyCaps caps,
            KeyCapRoutes capRoutes) {
        this.caps = caps;
        this.capRoutes = capRoutes;
        this.store = store;
        this.verifier = verifier;
        this.settings = settings;
        this.json = json;
        this.catalog = catalog;
        this.ledger = ledger;
        this.prices = prices;
        this.clock = clock;
    }

    @Override
    public List<Route> routes() {
        // The caps' routes come first: /v1/keys/caps would otherwise match /v1/keys/{id}.
        return java.util.stream.Stream.concat(
                        capRoutes.routes().stream(),
                        java.util.stream.Stream.of(
                                Route.post("/v1/keys", this::create),
                                Route.get("/v1/keys", this::list),
                                Route.get("/v1/keys/{id}", this::get),
                                new Route("PATCH", "/v1/keys/{id}", this::change),
                                Route.delete("/v1/keys/{id}", this::revoke)))
                .toList();
    }

    private HttpResponse create(HttpRequest request) {
        Caller caller = request.identity();
        String owner = KeyRights.owner(caller, request.queryParam("owner"));
        KeyFields fields = new KeyFields(json.fields(request), catalog);
        Instant now = clock.instant();
        String name = fields.name();
        KeyLimits limits = fields.limits(KeyLimits.NONE);
        Optional<Instant> expiresAt = fields.expiresAt(Optional.empty(), now);
        boolean admin = fields.admin();
        KeyRights.requireGrantable(
                caller,
                callersKey(caller),
                limits,
                expiresAt,
                admin,
                caller.admin() ? List.of() : caps.applying(owner));
        if (store.list(owner).size() >= settings.maxKeysPerOwner()) {
            throw ParleyException.validation(
                    owner
                            + " already has "
                            + settings.maxKeysPerOwner()
                            + " keys (parley.keys.max-keys-per-owner); revoke one first");
        }
        KeySecrets.NewSecret secret = KeySecrets.generate();
        ApiKey key =
                new ApiKey(
                        secret.id(),
                        owner,
                        name,
                        KeySecrets.displayPrefix(secret.id()),
                        KeySecrets.hash(secret.secret()),
                        now,
                        Optional.empty(),
                        expiresAt,
                        limits,
                        admin);
        store.create(key);
        LOG.infof(
                "API key %s created for %s by %s",
                key.id(), owner, caller.keyId().map(id -> "key " + id).orElse(caller.id()));
        return fields.warnUnknown(
                HttpResponse.created(
                        "/v1/keys/" + key.id(),
                        new KeyViews.Created(
                                key.id(),
                                secret.secret(),
                                name,
                                owner,
                                key.prefix(),
                                now.toString(),
                                expiresAt.map(Instant::toString).orElse(null),
                                KeyViews.Limits.of(limits),
                                admin)),
                KeyFields.CREATE_FIELDS);
    }

    private HttpResponse list(HttpRequest request) {
        String owner = KeyRights.owner(request.identity(), request.queryParam("owner"));
        return HttpResponse.ok(
                new KeyViews.Listing(store.list(owner).stream().map(KeyViews.Key::of).toList()));
    }

    private HttpResponse get(HttpRequest request) {
        ApiKey key = owned(request);
        YearMonth month = YearMonth.now(clock);
        List<LedgerEntry> entries =
                ledger.month(key.owner(), month).stream()
                        .filter(e -> e.keyId().filter(key.id()::equals).isPresent())
                        .toList();
        UsageTotals totals =
                entries.stream()
                        .map(LedgerEntry::totals)
                        .reduce(UsageTotals.ZERO, UsageTotals::plus);
        BigDecimal cost =
                entries.stream()
                        .map(e -> prices.cost(e.model(), e.totals()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
        return HttpResponse.ok(
                KeyViews.KeyWithUsage.of(
                        KeyViews.Key.of(key),
                        new KeyViews.MonthUsage(
                                month.toString(),
                                totals.calls(),
                                totals.inputTokens(),
                                totals.outputTokens(),
                                totals.tokens(),
                                cost.setScale(6, RoundingMode.HALF_UP))));
    }

    private HttpResponse change(HttpRequest request) {
        ApiKey current = owned(request);
        Caller caller = request.identity();
        KeyFields fields = new KeyFields(json.fields(request), catalog);
        KeyLimits limits = fields.limits(current.limits());
        Optional<Instant> expiresAt = fields.expiresAt(current.expiresAt(), clock.instant());
        KeyRights.requireNarrowing(caller, current, limits, expiresAt);
        KeyRights.requireGrantable(
                caller,
                callersKey(caller),
                limits,
                expiresAt,
                current.admin() && caller.admin(),
                caller.admin() ? List.of() : caps.applying(current.owner()));
        ApiKey changed =
                new ApiKey(
                        current.id(),
                        current.owner(),
                        fields.nameIfPresent().orElse(current.name()),
                        current.prefix(),
                        current.secretHash(),
                        current.createdAt(),
                        current.lastUsedAt(),
                        expiresAt,
                        limits,
                        current.admin());
        ApiKey stored = store.update(changed).orElseThrow(() -> notFound(current.id()));
        verifier.refresh(stored);
        return fields.warnUnknown(
                HttpResponse.ok(KeyViews.Key.of(stored)), KeyFields.CHANGE_FIELDS);
    }

    private HttpResponse revoke(HttpRequest request) {
        ApiKey key = owned(request);
        if (!store.delete(key.id(), key.owner())) {
            throw notFound(key.id());
        }
        verifier.forget(key.id());
        LOG.infof(
                "API key %s of %s revoked by %s",
                key.id(),
                key.owner(),
                request.identity().keyId().map(id -> "key " + id).orElse(request.caller()));
        return HttpResponse.noContent();
    }

    /** The key named in the path if the caller owns it (or is an admin); 404 otherwise, as for a missing key. */
    private ApiKey owned(HttpRequest request) {
        String id = request.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw notFound(id);
        }
        Caller caller = request.identity();
        return store.find(id)
                .filter(key -> caller.admin() || key.owner().equals(caller.id()))
                .orElseThrow(() -> notFound(id));
    }

    private Optional<ApiKey> callersKey(Caller caller) {
        return caller.keyId()
                .map(
                        id ->
                                verifier.recent(id)
                                        .or(() -> store.find(id))
                                        .orElseThrow(
                                                () ->
                                                        new ParleyException(
                                                                dev.parley.error.ErrorCode
                                                                        .UNAUTHORIZED,
                                                                "API key " + id + " was revoked")));
    }

    private static ParleyException notFound(String id) {
        return ParleyException.notFound(
                "no API key '" + (id.length() > 40 ? id.substring(0, 40) + "..." : id) + "'");
    }
}
