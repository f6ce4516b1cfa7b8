using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AutoBooking.Core.Ports;
using AutoBooking.Infrastructure.Tests.Support;
using AutoBooking.Sandbox;

namespace AutoBooking.Infrastructure.Tests;

/// <summary>
/// The sandbox and the client against Duffel's documented objects (Contracts/duffel/documented_fields.json, written from
/// Duffel's API reference and typed client), not against each other: every documented field of an offer, order, payment
/// and cancellation the sandbox answers is there with its documented JSON type; every field the client reads is a
/// documented one; every field the client sends in an order, a hold or a payment is documented. A gap like identity
/// documents missing from orders while both sides agreed now fails here. What the client sends:
/// <see cref="DuffelDocumentedRequestTests"/>.
/// </summary>
public sealed partial class DuffelDocumentedFieldsTests : SandboxClientTest
{
    internal static readonly Dictionary<string, Dictionary<string, string>> Documented = LoadDocumented();

    [Fact]
    public async Task SandboxOffer_HasEveryDocumentedFieldWithItsType()
    {
        var offer = await SingleOfferJsonAsync("BA");

        var problems = new List<string>();
        CheckOffer(offer, problems);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task SandboxOffer_HoldableAndConditionVariants_AlsoConform()
    {
        var problems = new List<string>();
        foreach (var carrier in new[] { "AA", "VS" })
        {
            CheckOffer(await SingleOfferJsonAsync(carrier), problems);
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task SandboxOrders_InstantHoldPaymentAndCancellation_HaveEveryDocumentedField()
    {
        var instant = await Flights.CreateOrderAsync(OrderFor(await OfferOfAsync("BA"), Guid.NewGuid()), CancellationToken.None);
        var hold = await Flights.CreateHoldOrderAsync(OrderFor(await OfferOfAsync("AA"), Guid.NewGuid()), CancellationToken.None);
        using var duffel = DuffelHttp();
        var problems = new List<string>();

        foreach (var orderId in new[] { instant.ProviderOrderId!, hold.ProviderOrderId! })
        {
            var order = (await duffel.GetFromJsonAsync<JsonObject>($"air/orders/{orderId}"))!["data"]!.AsObject();
            Check(order, "Order", "order", problems);
            Check(order["payment_status"]!.AsObject(), "PaymentStatus", "order.payment_status", problems);
            Check(order["conditions"]!.AsObject(), "Conditions", "order.conditions", problems);
            foreach (var passenger in order["passengers"]!.AsArray())
            {
                Check(passenger!.AsObject(), "OrderPassenger", "order.passengers[]", problems);
            }
            foreach (var document in order["documents"]?.AsArray() ?? [])
            {
                Check(document!.AsObject(), "OrderDocument", "order.documents[]", problems);
            }
        }
        using var paid = await duffel.PostAsJsonAsync("air/payments", new
        {
            data = new { order_id = hold.ProviderOrderId, payment = new { type = "balance", amount = hold.Total!.Value.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), currency = hold.Total.Value.Currency } },
        });
        Check((await paid.Content.ReadFromJsonAsync<JsonObject>())!["data"]!.AsObject(), "Payment", "payment", problems);
        using var quoted = await duffel.PostAsJsonAsync("air/order_cancellations", new { data = new { order_id = instant.ProviderOrderId } });
        Check((await quoted.Content.ReadFromJsonAsync<JsonObject>())!["data"]!.AsObject(), "OrderCancellation", "order_cancellation", problems);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Client_ReadsOnlyDocumentedFields()
    {
        var documented = Documented.Values.SelectMany(fields => fields.Keys).ToHashSet(StringComparer.Ordinal);
        var source = Directory.GetFiles(Path.Combine(RepositoryRoot(), "shared", "AutoBooking.Infrastructure", "Duffel"), "*.cs")
            .Concat(Directory.GetFiles(Path.Combine(RepositoryRoot(), "shared", "AutoBooking.Infrastructure", "Webhooks"), "Duffel*.cs"))
            .Select(File.ReadAllText);

        var read = source.SelectMany(text => ReadFieldPattern().Matches(text).Select(m => m.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(read);
        Assert.Contains("allowed_passenger_identity_document_types", read);
        Assert.Empty(read.Where(name => !documented.Contains(name)).Order(StringComparer.Ordinal));
    }

    private static void CheckOffer(JsonObject offer, List<string> problems)
    {
        Check(offer, "Offer", "offer", problems);
        Check(offer["payment_requirements"]!.AsObject(), "PaymentRequirements", "offer.payment_requirements", problems);
        CheckConditions(offer["conditions"]!.AsObject(), "offer.conditions", problems);
        Check(offer["owner"]!.AsObject(), "Airline", "offer.owner", problems);
        foreach (var passenger in offer["passengers"]!.AsArray())
        {
            Check(passenger!.AsObject(), "OfferPassenger", "offer.passengers[]", problems);
        }
        foreach (var type in offer["allowed_passenger_identity_document_types"]!.AsArray())
        {
            if (type?.GetValue<string>() is not ("passport" or "tax_id"))
            {
                problems.Add($"offer.allowed_passenger_identity_document_types: '{type}' is not a documented type");
            }
        }
        foreach (var slice in offer["slices"]!.AsArray())
        {
            Check(slice!.AsObject(), "OfferSlice", "offer.slices[]", problems);
            CheckConditions(slice["conditions"]!.AsObject(), "offer.slices[].conditions", problems);
            Check(slice["origin"]!.AsObject(), "Place", "offer.slices[].origin", problems);
            foreach (var segment in slice["segments"]!.AsArray())
            {
                Check(segment!.AsObject(), "Segment", "offer.slices[].segments[]", problems);
                Check(segment["marketing_carrier"]!.AsObject(), "Airline", "segments[].marketing_carrier", problems);
                foreach (var passenger in segment["passengers"]!.AsArray())
                {
                    Check(passenger!.AsObject(), "SegmentPassenger", "segments[].passengers[]", problems);
                    foreach (var bag in passenger["baggages"]!.AsArray())
                    {
                        Check(bag!.AsObject(), "Baggage", "segments[].passengers[].baggages[]", problems);
                    }
                }
            }
        }
    }

    private static void CheckConditions(JsonObject conditions, string path, List<string> problems)
    {
        Check(conditions, "Conditions", path, problems);
        foreach (var (name, condition) in conditions)
        {
            if (condition is JsonObject present)
            {
                Check(present, "Condition", $"{path}.{name}", problems);
            }
        }
    }

    /// <summary>Every documented field is there (unless optional) with a documented type; no field the docs do not know.</summary>
    internal static void Check(JsonObject actual, string objectName, string path, List<string> problems)
    {
        var fields = Documented[objectName];
        foreach (var (name, rule) in fields)
        {
            var optional = rule.StartsWith('?');
            if (!actual.TryGetPropertyValue(name, out var value))
            {
                if (!optional)
                {
                    problems.Add($"{path}: documented field '{name}' is missing");
                }
                continue;
            }
            var kind = value?.GetValueKind() ?? JsonValueKind.Null;
            if (!rule.TrimStart('?').Split('|').Contains(KindName(kind)))
            {
                problems.Add($"{path}.{name}: {KindName(kind)}, documented as {rule}");
            }
        }
        foreach (var (name, _) in actual)
        {
            if (!fields.ContainsKey(name))
            {
                problems.Add($"{path}: field '{name}' is not in Duffel's documented {objectName}");
            }
        }
    }

    /// <summary>What the client sends: only documented fields, with documented types.</summary>
    internal static void CheckSent(JsonObject sent, string objectName, string path, List<string> problems)
    {
        var fields = Documented[objectName];
        foreach (var (name, value) in sent)
        {
            if (!fields.TryGetValue(name, out var rule))
            {
                problems.Add($"{path}: sends '{name}', not a documented field of {objectName}");
                continue;
            }
            var kind = value?.GetValueKind() ?? JsonValueKind.Null;
            if (!rule.TrimStart('?').Split('|').Contains(KindName(kind)))
            {
                problems.Add($"{path}.{name}: sends {KindName(kind)}, documented as {rule}");
            }
        }
        foreach (var (name, rule) in fields.Where(f => !f.Value.StartsWith('?')))
        {
            if (!sent.ContainsKey(name))
            {
                problems.Add($"{path}: required field '{name}' ({rule}) not sent");
            }
        }
    }

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private async Task<ProviderOffer> OfferOfAsync(string carrier) =>
        (await Flights.SearchAsync(LondonToNewYork(), CancellationToken.None)).Offers.Single(o => o.Candidate.Carriers.SequenceEqual([carrier]));

    private async Task<JsonObject> SingleOfferJsonAsync(string carrier)
    {
        var offer = await OfferOfAsync(carrier);
        using var duffel = DuffelHttp();
        return (await duffel.GetFromJsonAsync<JsonObject>($"air/offers/{offer.Candidate.ProviderOfferId}"))!["data"]!.AsObject();
    }

    private HttpClient DuffelHttp()
    {
        var http = new HttpClient { BaseAddress = new Uri(Sandbox.DuffelBaseUrl + "/") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "duffel_test_documented_fields");
        http.DefaultRequestHeaders.Add("Duffel-Version", "v2");
        return http;
    }

    private static Dictionary<string, Dictionary<string, string>> LoadDocumented()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Contracts", "duffel", "documented_fields.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        return root.Where(p => !p.Key.StartsWith('_'))
            .ToDictionary(p => p.Key, p => p.Value!.AsObject().ToDictionary(f => f.Key, f => f.Value!.GetValue<string>(), StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AutoBooking.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("AutoBooking.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A field name the client reads: GetProperty / TryGetProperty, or one of its named-field helpers (not Bags, whose argument is a bag type).</summary>
    [GeneratedRegex("""(?:GetProperty|TryGetProperty|Timestamp|Condition)\((?:[A-Za-z_.]+,\s*)?"(?<name>[a-z][a-z_]*)"\s*[,)]""")]
    private static partial Regex ReadFieldPattern();
}
