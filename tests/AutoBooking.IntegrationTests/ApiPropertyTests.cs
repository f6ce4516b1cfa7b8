using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AutoBooking.Core.Trips;
using AutoBooking.Core.Validation;
using AutoBooking.Functions.Api;
using AutoBooking.Functions.Reconciliation;
using AutoBooking.Functions.Trips;
using AutoBooking.Functions.Webhooks;
using AutoBooking.Infrastructure.Security;
using AutoBooking.IntegrationTests.Support;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AutoBooking.IntegrationTests;

/// <summary>
/// Property-based tests over every HTTP endpoint (CsCheck): random mutations of a valid request (a field's type or
/// value changed to a hostile one, boundary numbers, duplicate keys, deep nesting, Unicode edge cases, truncation,
/// unknown fields) and of its headers and query string. Whatever arrives: never a 5xx or an exception; every 4xx is
/// problem+json in our own words and changes no row in any table; every 2xx traveler or trip stores exactly the
/// validated, normalised value. A fixed seed and a modest count by default; a long run:
/// <c>AUTOBOOKING_PROPERTY_ITER=20000 AUTOBOOKING_PROPERTY_SEED=&lt;seed&gt; dotnet test --filter ApiPropertyTests</c>.
/// </summary>
public sealed class ApiPropertyTests(PipelineHarness harness) : IClassFixture<PipelineHarness>
{
    /// <summary>CsCheck's seed for <c>new PCG(1, 42)</c>: the same requests on every run unless overridden.</summary>
    private const string DefaultSeed = "0000000000J1";

    private static readonly string Token = TestTokens.For("user-property");

    private static readonly string[] HostileStrings =
    [
        "", " ", "LHR\n", "GBP\n", "\n", "\r\n", "\u0000", "A\u0000B", "\u202E", "Ada\u202E", "\u200B", "\u2028", "\u2029", "\uFEFF",
        "Z\u0301\u0301\u0301\u0301\u0301\u0301", "e\u0301", "Ada", "😀", "Ада", "李", "ＧＢＰ", "lhr", "XXX", "ZZZ", "JPY", "KWD", "BA", "11",
        "+442080160508", "+1", "ada@example.com", "Ada <ada@example.com>", "ada@example.com\u0000", "' OR 1=1 --", "<script>",
        "../../etc/passwd", "%00", "${jndi:ldap://x}", new string('A', 300), "2026-02-30", "1990-12-10", "9999-12-31", "0001-01-01",
        "cus_Test123\n", "pm_card_visa\n", "true", "null", "NaN", "1e400", "\\ud800",
    ];

    private static readonly JsonNode?[] HostileNumbers =
    [
        0, -1, 1, 2, 3, int.MaxValue, int.MinValue, long.MaxValue, 0.5, -0.0, 1e-7, 100.5, 100.555, 100.5555, 99999.99, 100000, 100000.01,
        decimal.MaxValue, 1e300,
    ];

    /// <summary>One endpoint: its valid request and how the Functions host would invoke it with a given request.</summary>
    private sealed record Endpoint(string Method, string? Body, Func<PipelineHarness, HttpRequest, ApiEndpoints.Targets, Task<IActionResult>> Invoke);

    private static readonly Dictionary<string, Endpoint> Endpoints = new()
    {
        ["POST /trips"] = new("POST", TripBodies.Valid(), (h, r, _) => h.Get<CreateTripFunction>().Run(r, default)),
        ["GET /trips"] = new("GET", null, (h, r, _) => h.Get<ListTripsFunction>().Run(r, default)),
        ["GET /trips/{id}"] = new("GET", null, (h, r, x) => h.Get<GetTripFunction>().Run(r, x.TripId.ToString(), default)),
        ["PATCH /trips/{id}"] = new("PATCH", """{"maxConnections":0,"maxPrice":{"amount":450,"currency":"GBP"},"includedAirlines":["BA"]}""",
            (h, r, x) => h.Get<UpdateTripFunction>().Run(r, x.TripId.ToString(), default)),
        ["POST /trips/{id}/approval"] = new("POST", """{"approve":true}""", (h, r, x) => h.Get<ApproveTripFunction>().Run(r, x.TripId.ToString(), h.Durable, default)),
        ["GET /trips/{id}/payment-action"] = new("GET", null, (h, r, x) => h.Get<PaymentActionFunction>().Run(r, x.TripId.ToString(), default)),
        ["POST /trips/{id}/pause"] = new("POST", null, (h, r, x) => h.Get<TripCommandsFunction>().Pause(r, x.TripId.ToString(), default)),
        ["POST /trips/{id}/resume"] = new("POST", null, (h, r, x) => h.Get<TripCommandsFunction>().Resume(r, x.TripId.ToString(), default)),
        ["POST /trips/{id}/cancel"] = new("POST", null, (h, r, x) => h.Get<TripCommandsFunction>().Cancel(r, x.TripId.ToString(), default)),
        ["GET /trips/{id}/events"] = new("GET", null, (h, r, x) => h.Get<TripHistoryFunction>().Events(r, x.TripId.ToString(), default)),
        ["GET /trips/{id}/prices"] = new("GET", null, (h, r, x) => h.Get<TripHistoryFunction>().Prices(r, x.TripId.ToString(), default)),
        ["GET /bookings"] = new("GET", null, (h, r, _) => h.Get<BookingsFunction>().List(r, default)),
        ["GET /bookings/{id}"] = new("GET", null, (h, r, x) => h.Get<BookingsFunction>().Get(r, x.BookingId.ToString(), default)),
        ["POST /travelers"] = new("POST", TravelerBodies.Valid(), (h, r, _) => h.Get<TravelersFunction>().Create(r, default)),
        ["GET /travelers"] = new("GET", null, (h, r, _) => h.Get<TravelersFunction>().List(r, default)),
        ["GET /travelers/{id}"] = new("GET", null, (h, r, x) => h.Get<TravelersFunction>().Get(r, x.TravelerId.ToString(), default)),
        ["PUT /travelers/{id}"] = new("PUT", TravelerBodies.Valid(), (h, r, x) => h.Get<TravelersFunction>().Update(r, x.TravelerId.ToString(), default)),
        ["DELETE /travelers/{id}"] = new("DELETE", null, (h, r, x) => h.Get<TravelersFunction>().Delete(r, x.TravelerId.ToString(), default)),
        ["POST /payment-methods/setup-intents"] = new("POST", null, (h, r, _) => h.Get<PaymentMethodsFunction>().StartSetup(r, default)),
        ["GET /payment-methods"] = new("GET", null, (h, r, _) => h.Get<PaymentMethodsFunction>().List(r, default)),
        ["DELETE /payment-methods/{id}"] = new("DELETE", null, (h, r, x) => h.Get<PaymentMethodsFunction>().Remove(r, x.PaymentMethodId.ToString(), default)),
        ["POST /webhooks/stripe"] = new("POST", StripeFlow.SetupSucceededEvent("evt_property", "seti_property", "cus_property", "pm_property"),
            (h, r, _) => h.Get<StripeWebhookFunction>().Run(r, h.Durable, default)),
        ["POST /webhooks/duffel"] = new("POST", """{"id":"wev_property","type":"order.created","live_mode":false,"data":{"object":{"id":"ord_property"}}}""",
            (h, r, _) => h.Get<DuffelWebhookFunction>().Run(r, h.Durable, default)),
        ["GET /me/export"] = new("GET", null, (h, r, _) => h.Get<PersonalDataFunction>().Export(r, default)),
        // As a user who holds nothing: a 2xx must not erase the run's own data (erasure itself: PersonalDataTests).
        ["DELETE /me"] = new("DELETE", null, (h, r, _) => h.Get<PersonalDataFunction>().Erase(AsUser(r, TestTokens.For("user-property-empty")), default)),
        // The operators' API with an operator's token: hostile input must meet validation, not just the role check.
        ["GET /operator/attempts"] = new("GET", null, (h, r, _) => h.Get<OperatorAttemptsFunction>().List(AsOperator(r), default)),
        ["POST /operator/attempts/{attemptId}/reconcile"] = new("POST", null,
            (h, r, x) => h.Get<OperatorAttemptsFunction>().Reconcile(AsOperator(r), x.TripId.ToString(), h.Durable, default)),
        ["POST /operator/attempts/{attemptId}/release"] = new("POST", null,
            (h, r, x) => h.Get<OperatorAttemptsFunction>().Release(AsOperator(r), x.TripId.ToString(), h.Durable, default)),
        ["POST /operator/attempts/{attemptId}/refund"] = new("POST", null,
            (h, r, x) => h.Get<OperatorAttemptsFunction>().Refund(AsOperator(r), x.TripId.ToString(), h.Durable, default)),
        ["POST /operator/attempts/{attemptId}/cancel-order"] = new("POST", null,
            (h, r, x) => h.Get<OperatorAttemptsFunction>().CancelOrder(AsOperator(r), x.TripId.ToString(), h.Durable, default)),
        ["POST /operator/attempts/{attemptId}/record-booking"] = new("POST", """{"orderId":"ord_0000"}""",
            (h, r, x) => h.Get<OperatorAttemptsFunction>().RecordBooking(AsOperator(r), x.TripId.ToString(), h.Durable, default)),
    };

    private static HttpRequest AsOperator(HttpRequest request) =>
        AsUser(request, OperatorTokens.For("operator-property", OperatorTokens.OperatorRole));

    private static HttpRequest AsUser(HttpRequest request, string token)
    {
        request.Headers.Authorization = "Bearer " + token;
        return request;
    }

    /// <summary>A request as generated: the endpoint, its body bytes, content type, query, and header changes.</summary>
    public sealed record HostileRequest(string Endpoint, string Mutation, byte[]? Body, string? ContentType, string Query, string? IdempotencyKey, string? IfMatch, bool SignWebhook)
    {
        public override string ToString() => $"{Endpoint} [{Mutation}] {ContentType} {Query} body={(Body is null ? "-" : Encoding.UTF8.GetString(Body))}";
    }

    [Fact]
    public void Endpoints_CoverEveryApiEndpoint() =>
        Assert.Empty(ApiEndpoints.All.Keys.Except(Endpoints.Keys));

    [Fact]
    public async Task EveryEndpoint_RandomHostileRequests_NeverFail_4xxChangeNothing_2xxStoreTheNormalisedValue()
    {
        var targets = await TargetsAsync();
        var db = new Db(harness.DatabaseConnectionString);
        var iterations = long.TryParse(Environment.GetEnvironmentVariable("AUTOBOOKING_PROPERTY_ITER"), CultureInfo.InvariantCulture, out var n) ? n : 250;
        var seed = Environment.GetEnvironmentVariable("AUTOBOOKING_PROPERTY_SEED") is { Length: > 0 } s ? s : DefaultSeed;

        await Cases().SampleAsync(async c => await CheckAsync(c, targets, db), seed: seed, iter: iterations, threads: 1, print: c => c.ToString());
    }

    private async Task CheckAsync(HostileRequest c, ApiEndpoints.Targets targets, Db db)
    {
        var endpoint = Endpoints[c.Endpoint];
        var before = await db.RowCountsAsync();
        var request = BuildRequest(endpoint.Method, c);

        var result = await endpoint.Invoke(harness, request, targets);

        var status = ApiEndpoints.StatusOf(result);
        Assert.True(status < 500, $"{c}: {status}");
        if (status >= 400)
        {
            var problem = Assert.IsType<ObjectResult>(result, exactMatch: false);
            Assert.IsType<ProblemDetails>(problem.Value, exactMatch: false);
            Assert.Contains("application/problem+json", problem.ContentTypes);
            ProblemBodies.AssertClean(result, c.ToString());
            Assert.Equal(before, await db.RowCountsAsync());
            return;
        }
        await AssertStoredNormalisedAsync(c, result, db);
    }

    /// <summary>
    /// A 2xx stored exactly what the validator produced: normalised, clean, and valid again when read back. Every endpoint
    /// that stores client input is checked: trips (criteria as sent; traveler, card and consent as validated), traveler
    /// profiles, webhook events (id and type). The others store none (ids in the route are looked up, the approval is a
    /// decision, operator actions store what Duffel and Stripe answer, a setup-intent key goes to Stripe).
    /// </summary>
    private async Task AssertStoredNormalisedAsync(HostileRequest c, IActionResult result, Db db)
    {
        var value = (result as ObjectResult)?.Value;
        if (value is TravelerResponse traveler && c.Body is not null && c.Endpoint is "POST /travelers" or "PUT /travelers/{id}")
        {
            var sent = System.Text.Json.JsonSerializer.Deserialize<TravelerDto>(c.Body!, JsonBody.Options)!;
            var errors = new Dictionary<string, string[]>();
            var expected = TravelerValidator.Validate(sent, DateOnly.FromDateTime(DateTime.UtcNow), "", errors, adultOnly: false)!;
            var row = await db.ScalarAsync<string>("select protected from travelers where id = @id", new { id = traveler.Id });
            Assert.Equal(expected, harness.Get<PiiProtector>().Unprotect<Traveler>(row));
            var stored = Assert.IsType<TravelerResponse>(((OkObjectResult)await harness.Get<TravelersFunction>()
                .Get(PipelineHarness.Request("GET", token: Token), traveler.Id.ToString(), default)).Value);
            Assert.True(PersonName.TryParse(stored.GivenName, out var again) && again.Value == stored.GivenName, c.ToString());
            Assert.True(TextRules.IsClean(stored.Email) && stored.GivenName.IsNormalized(NormalizationForm.FormC), c.ToString());
        }
        else if (value is TripResponse trip && c.Body is not null && c.Endpoint is "POST /trips" or "PATCH /trips/{id}")
        {
            var stored = Assert.IsType<TripResponse>((await harness.Get<TripApi>().GetAsync(trip.Id, "user-property", default)));
            Assert.True(AirportCode.TryParse(stored.Origin, out _) && AirportCode.TryParse(stored.Destination, out _), c.ToString());
            Assert.True(CurrencyCode.TryParse(stored.MaxPrice.Currency, out var currency) && currency.FitsMinorUnit(stored.MaxPrice.Amount), c.ToString());
            // Criteria are exact values (validated, never rewritten): each one sent is stored as sent.
            var sent = JsonNode.Parse(c.Body!)!.AsObject();
            var storedJson = System.Text.Json.JsonSerializer.SerializeToNode(stored, System.Text.Json.JsonSerializerOptions.Web)!.AsObject();
            foreach (var (field, sentValue) in sent.Where(p => CriteriaFields.Contains(p.Key)))
            {
                AssertSameJson(sentValue, storedJson[field], $"{c}: {field}");
            }
            if (c.Endpoint == "POST /trips")
            {
                await AssertTripInputStoredAsync(c, trip.Id, db);
            }
        }
        else if (c.Body is not null && c.Endpoint is "POST /webhooks/stripe" or "POST /webhooks/duffel")
        {
            var sent = JsonNode.Parse(c.Body!)!;
            var provider = c.Endpoint.EndsWith("stripe", StringComparison.Ordinal) ? "stripe" : "duffel";
            var id = sent["id"]!.GetValue<string>();
            var type = await db.ScalarAsync<string>("select event_type from webhook_events where provider = @provider and event_id = @id", new { provider, id });
            Assert.Equal(sent["type"]!.GetValue<string>(), type);
            Assert.True(TextRules.IsClean(id) && TextRules.IsClean(type), c.ToString());
        }
    }

    private static readonly string[] CriteriaFields =
    [
        "origin", "destination", "departureDate", "latestDepartureDate", "cabin", "maxConnections", "maxPrice", "includedAirlines",
        "excludedAirlines", "preferredAirlines", "maxDurationMinutes", "checkedBags", "additionalOrigins", "additionalDestinations",
        "returnStay", "approvalRequired",
    ];

    /// <summary>The trip's traveler (decrypted), card and consent are exactly what the validator made of the request.</summary>
    private async Task AssertTripInputStoredAsync(HostileRequest c, Guid tripId, Db db)
    {
        var request = System.Text.Json.JsonSerializer.Deserialize<CreateTripRequest>(c.Body!, JsonBody.Options)!;
        var saved = await harness.Get<TripApi>().ResolveSavedAsync("user-property", request, default);
        var (expected, _) = CreateTripValidator.Validate(request, "user-property", DateTimeOffset.UtcNow, saved);
        Assert.NotNull(expected);
        var row = (await db.QueryAsync<(string Traveler, string Customer, string PaymentMethod, string Terms)>(
            "select traveler_protected, stripe_customer_id, stripe_payment_method_id, auto_book_consent_terms from trip_requests where id = @tripId",
            new { tripId })).Single();
        Assert.Equal(expected.Traveler, harness.Get<PiiProtector>().Unprotect<Traveler>(row.Traveler));
        Assert.Equal((expected.StripeCustomerId, expected.StripePaymentMethodId, expected.ConsentTermsVersion), (row.Customer, row.PaymentMethod, row.Terms));
    }

    /// <summary>
    /// Same JSON value: numbers by value (450 = 450.0), objects by the sent members, arrays item by item; a sent null means
    /// "the default" (create) or "unchanged" (PATCH), so it is not compared.
    /// </summary>
    private static void AssertSameJson(JsonNode? sent, JsonNode? stored, string because)
    {
        switch (sent)
        {
            case null:
                break;
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    AssertSameJson(child, Assert.IsType<JsonObject>(stored, exactMatch: false)[key], $"{because}/{key}");
                }
                break;
            case JsonArray array:
                var storedArray = Assert.IsType<JsonArray>(stored, exactMatch: false);
                Assert.True(array.Count == storedArray.Count, because);
                for (var i = 0; i < array.Count; i++)
                {
                    AssertSameJson(array[i], storedArray[i], $"{because}/{i}");
                }
                break;
            case JsonValue number when number.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                Assert.True(stored is JsonValue && number.GetValue<decimal>() == stored.GetValue<decimal>(), $"{because}: sent {sent}, stored {stored}");
                break;
            default:
                Assert.True(JsonNode.DeepEquals(sent, stored), $"{because}: sent {sent?.ToJsonString()}, stored {stored?.ToJsonString()}");
                break;
        }
    }

    private static HttpRequest BuildRequest(string method, HostileRequest c)
    {
        var request = PipelineHarness.RawRequest(method, c.Body, Token, c.ContentType ?? "application/json");
        if (c.Body is not null && c.ContentType is null)
        {
            request.ContentType = null;
        }
        request.QueryString = new QueryString(c.Query);
        if (c.IdempotencyKey is not null)
        {
            request.Headers["Idempotency-Key"] = c.IdempotencyKey;
        }
        if (c.IfMatch is not null)
        {
            request.Headers.IfMatch = c.IfMatch;
        }
        if (c.SignWebhook && c.Body is not null)
        {
            var text = Encoding.UTF8.GetString(c.Body);
            request.Headers["Stripe-Signature"] = StripeFlow.Sign(text, PipelineHarness.StripeWebhookSecret);
            request.Headers[Infrastructure.Webhooks.DuffelWebhookVerifier.SignatureHeader] =
                Infrastructure.Webhooks.DuffelWebhookVerifier.SignatureFor(PipelineHarness.DuffelWebhookSecret, DateTimeOffset.UtcNow, text);
        }
        return request;
    }

    private static Gen<HostileRequest> Cases() =>
        Gen.OneOf(Endpoints.Keys.Order(StringComparer.Ordinal).ToArray()).SelectMany(name => Mutations(name, Endpoints[name].Body));

    private static Gen<HostileRequest> Mutations(string name, string? validBody)
    {
        var body = validBody is null ? null : Encoding.UTF8.GetBytes(validBody);
        var plain = new HostileRequest(name, "valid", body, "application/json", "", null, null, SignWebhook: true);
        var gens = new List<Gen<HostileRequest>>
        {
            Gen.OneOf("application/json", "application/jsonx", "application/json; charset=latin1", "text/plain", "application/merge-patch+json",
                "application/json; charset=utf-8", "multipart/form-data", ";;", "application/json\n").Select(t => plain with { Mutation = "content type", ContentType = t }),
            Gen.SelectMany(Gen.OneOf(HostileStrings), Gen.OneOf("limit", "cursor", "status", "id"), (v, k) =>
                Gen.Const(plain with { Mutation = "query", Query = "?" + k + "=" + Uri.EscapeDataString(v) })),
            Gen.OneOf(HostileStrings.Append("add-card-0001").ToArray()).Select(k => plain with { Mutation = "idempotency key", IdempotencyKey = k }),
            Gen.OneOf("\"1\"", "\"999\"", "*", "W/\"1\"", "\"-1\"", "\"\u0000\"", "garbage").Select(m => plain with { Mutation = "if-match", IfMatch = m }),
            Gen.Const(plain with { Mutation = "unsigned", SignWebhook = false }),
        };
        if (validBody is not null)
        {
            var paths = Paths(JsonNode.Parse(validBody)!, "").ToArray();
            var value = Gen.OneOf<JsonNode?>(
                (IGen<JsonNode?>)Gen.OneOf(HostileStrings).Select(s => (JsonNode?)JsonValue.Create(s)),
                Gen.OneOf(HostileNumbers),
                Gen.OneOf<JsonNode?>(null, JsonValue.Create(true), new JsonArray(), new JsonObject(), new JsonArray("BA", "BA"), new JsonArray(JsonValue.Create(1))));
            gens.Add(Gen.SelectMany(Gen.OneOf(paths), value, (p, v) => Gen.Const(plain with { Mutation = "set " + p, Body = Set(validBody, p, v) })));
            gens.Add(Gen.OneOf(paths).Select(p => plain with { Mutation = "remove " + p, Body = Remove(validBody, p) }));
            gens.Add(Gen.OneOf(paths).Select(p => plain with { Mutation = "duplicate " + p, Body = Duplicate(validBody, p) }));
            gens.Add(Gen.Int[0, validBody.Length - 1].Select(i => plain with { Mutation = "truncate", Body = Encoding.UTF8.GetBytes(validBody[..i]) }));
            gens.Add(Gen.Int[1, 60].Select(d => plain with { Mutation = "nest", Body = Set(validBody, paths[0], Nest(d)) }));
            gens.Add(Gen.OneOf("status", "ownerId", "id", "__proto__", "amountPaid").Select(k => plain with { Mutation = "unknown " + k, Body = Set(validBody, k, JsonValue.Create(1)) }));
        }
        return Gen.OneOf(gens.Select(g => (IGen<HostileRequest>)g).ToArray());
    }

    private static IEnumerable<string> Paths(JsonNode node, string prefix)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj)
            {
                var path = prefix.Length == 0 ? key : prefix + "." + key;
                yield return path;
                if (child is not null)
                {
                    foreach (var nested in Paths(child, path))
                    {
                        yield return nested;
                    }
                }
            }
        }
    }

    private static byte[] Set(string json, string path, JsonNode? value) => Edit(json, path, (parent, key) => parent[key] = value?.DeepClone());

    private static byte[] Remove(string json, string path) => Edit(json, path, (parent, key) => parent.Remove(key));

    /// <summary>The property twice in its object, the first copy with another value (what a smuggling proxy would read).</summary>
    private static byte[] Duplicate(string json, string path)
    {
        var key = path.Split('.')[^1];
        var needle = "\"" + key + "\"";
        var at = json.IndexOf(needle, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(at < 0 ? json : json[..at] + needle + ": 1, " + json[at..]);
    }

    private static byte[] Edit(string json, string path, Action<JsonObject, string> edit)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        var segments = path.Split('.');
        var parent = root;
        foreach (var segment in segments[..^1])
        {
            parent = parent[segment] as JsonObject ?? root;
        }
        edit(parent, segments[^1]);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private static JsonNode Nest(int depth)
    {
        JsonNode node = new JsonObject();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonObject { ["a"] = node };
        }
        return node;
    }

    /// <summary>Real resources of the caller, so by-id endpoints get as far as validating (a trip, a profile; no booking or card).</summary>
    private async Task<ApiEndpoints.Targets> TargetsAsync()
    {
        var tripId = await harness.CreateTripIdAsync(TripBodies.Valid(), Token);
        var travelerId = await harness.SaveTravelerAsync(Token);
        return new ApiEndpoints.Targets(tripId, Guid.NewGuid(), travelerId, Guid.NewGuid());
    }
}
