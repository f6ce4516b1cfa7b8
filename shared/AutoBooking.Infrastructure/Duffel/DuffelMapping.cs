using System.Globalization;
using System.Text.Json;
using System.Xml;
using AutoBooking.Core.Offers;
using AutoBooking.Core.Ports;

namespace AutoBooking.Infrastructure.Duffel;

/// <summary>
/// Duffel's JSON and our domain, both ways: the bodies of searches, orders, payments and cancellations, and offers,
/// orders, cancellations and totals read from Duffel's answers. Pure: no HTTP (<see cref="DuffelTransport"/>), no logging.
/// </summary>
internal static class DuffelMapping
{
    /// <summary>Duffel's order types: paid and ticketed when created, or held and paid later.</summary>
    public const string InstantOrder = "instant";
    public const string HoldOrder = "hold";

    /// <summary>An offer request's body: every slice (a return adds the way back), the passengers, cabin and connections.</summary>
    public static object SearchBody(FlightSearch search)
    {
        var slices = new List<object> { SliceBody(search.Origin, search.Destination, search.DepartureDate) };
        if (search.ReturnDate is { } returnDate)
        {
            slices.Add(SliceBody(search.Destination, search.Origin, returnDate));
        }
        return new
        {
            data = new
            {
                slices,
                // Duffel's documented way: adults by type, anyone under 18 by age (it works out child or
                // infant_without_seat per airline). Never both on one passenger.
                passengers = search.Passengers.Select(p => p.IsAdult ? (object)new { type = "adult" } : new { age = p.Age!.Value }).ToArray(),
                cabin_class = search.Cabin,
                max_connections = search.MaxConnections,
            },
        };
    }

    /// <summary>
    /// An order's <c>data</c>. An instant order pays its total from the balance in <c>payments</c>; a hold carries no
    /// <c>payments</c> at all (Duffel's guide: omit the key), it is paid later through <see cref="DuffelClient.PayHoldAsync"/>.
    /// </summary>
    public static Dictionary<string, object> OrderBody(OrderRequest request, string type)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["type"] = type,
            ["selected_offers"] = new[] { request.ProviderOfferId },
            ["passengers"] = request.Passengers.Select(OrderPassengerBody).ToArray(),
            // Lets reconciliation (FindOrderByAttemptAsync) and an operator find the order of an attempt whose response was lost.
            ["metadata"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["attempt_id"] = request.AttemptId.ToString() },
        };
        if (type == InstantOrder)
        {
            data["payments"] = new[] { BalancePayment(request.Total) };
        }
        return data;
    }

    /// <summary>A hold's payment: the order and its amount, from the account's balance.</summary>
    public static object PaymentBody(string providerOrderId, Core.Money.Money amount) =>
        new { data = new Dictionary<string, object>(StringComparer.Ordinal) { ["order_id"] = providerOrderId, ["payment"] = BalancePayment(amount) } };

    /// <summary>A cancellation quote's request: the order to price the cancellation of.</summary>
    public static object CancellationQuoteBody(string providerOrderId) => new { data = new { order_id = providerOrderId } };

    /// <summary>
    /// The facts selection needs, over every slice: the most stops in any slice, the longest slice (our
    /// journey-duration limit applies per direction), every carrier. Null when the offer's passengers cannot be
    /// matched to the searched ones: booking it could put a name on the wrong ticket.
    /// </summary>
    public static ProviderOffer? ToProviderOffer(JsonElement offer, IReadOnlyList<SearchPassenger> searched)
    {
        var offerId = offer.GetProperty("id").GetString()!;
        var passengerIds = MatchPassengers(offer.GetProperty("passengers"), searched);
        if (passengerIds is null)
        {
            return null;
        }
        var slices = offer.GetProperty("slices").EnumerateArray().ToList();
        var stops = slices.Count == 0 ? 0 : slices.Max(s => s.GetProperty("segments").GetArrayLength() - 1);
        var duration = slices
            .Select(s => s.TryGetProperty("duration", out var d) && d.ValueKind == JsonValueKind.String ? XmlConvert.ToTimeSpan(d.GetString()!) : TimeSpan.Zero)
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();
        var carriers = slices.SelectMany(s => s.GetProperty("segments").EnumerateArray())
            .Select(seg => seg.GetProperty("marketing_carrier").GetProperty("iata_code").GetString()!)
            .Distinct(StringComparer.Ordinal).ToList();
        var terms = DuffelOfferTerms.Read(offer, slices);
        var candidate = new OfferCandidate(
            offerId,
            ReadTotal(offer),
            offer.GetProperty("expires_at").GetDateTimeOffset(),
            stops,
            duration,
            carriers,
            terms.CheckedBags,
            terms);
        return new ProviderOffer(candidate, passengerIds, offer.GetRawText());
    }

    public static FlightOrder ToFlightOrder(JsonElement order)
    {
        var tickets = order.TryGetProperty("documents", out var documents) && documents.ValueKind == JsonValueKind.Array
            ? documents.EnumerateArray().Select(d => d.GetProperty("unique_identifier").GetString()!).ToList()
            : [];
        Guid? attemptId = order.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("attempt_id", out var attempt) && attempt.ValueKind == JsonValueKind.String
            && Guid.TryParse(attempt.GetString(), out var parsed) ? parsed : null;
        DateTimeOffset? cancelledAt = order.TryGetProperty("cancelled_at", out var cancelled) && cancelled.ValueKind == JsonValueKind.String
            ? cancelled.GetDateTimeOffset() : null;
        // The flights as the airline has them now: after a schedule change, the order's slices carry the new times.
        var segments = order.TryGetProperty("slices", out var slices) && slices.ValueKind == JsonValueKind.Array
            ? DuffelItinerary.Segments(slices) : [];
        var paymentStatus = order.TryGetProperty("payment_status", out var status) && status.ValueKind == JsonValueKind.Object ? status : default;
        return new FlightOrder(
            order.GetProperty("id").GetString()!,
            order.GetProperty("booking_reference").GetString()!,
            tickets,
            ReadTotal(order),
            attemptId,
            order.GetProperty("created_at").GetDateTimeOffset(),
            cancelledAt,
            segments)
        {
            // Absent payment_status (older recordings) means a paid order: only a hold says it awaits payment.
            AwaitingPayment = paymentStatus.ValueKind == JsonValueKind.Object
                && paymentStatus.TryGetProperty("awaiting_payment", out var awaiting) && awaiting.ValueKind == JsonValueKind.True,
            PaymentRequiredBy = OptionalTime(paymentStatus, "payment_required_by"),
            PriceGuaranteeExpiresAt = OptionalTime(paymentStatus, "price_guarantee_expires_at"),
        };
    }

    /// <summary>A confirmed cancellation's refund (amount and currency, when Duffel states one) and where it goes.</summary>
    public static (Core.Money.Money? Refund, string? RefundTo) ToRefund(JsonElement cancellation)
    {
        var refund = cancellation.TryGetProperty("refund_amount", out var amount) && amount.ValueKind == JsonValueKind.String
            ? new Core.Money.Money(
                decimal.Parse(amount.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
                cancellation.GetProperty("refund_currency").GetString()!)
            : (Core.Money.Money?)null;
        var refundTo = cancellation.TryGetProperty("refund_to", out var to) && to.ValueKind == JsonValueKind.String ? to.GetString() : null;
        return (refund, refundTo);
    }

    /// <summary>The cursor of the next page of a list, null on the last page.</summary>
    public static string? NextCursor(JsonElement page) =>
        page.TryGetProperty("meta", out var meta) && meta.TryGetProperty("after", out var next) && next.ValueKind == JsonValueKind.String
            ? next.GetString() : null;

    public static Core.Money.Money ReadTotal(JsonElement offer) => new(
        decimal.Parse(offer.GetProperty("total_amount").GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
        offer.GetProperty("total_currency").GetString()!);

    /// <summary>
    /// The offer's passenger ids in the order of the search. Duffel lists them in the order requested, but the
    /// ids are matched rather than trusted by position: a passenger searched by age takes the offer passenger with
    /// that age, an adult one without an age (typed adult). When the offer carries no ages, a type the search
    /// contradicts (an infant where an adult was asked for, or the reverse) fails the match. Null when any
    /// searched passenger finds no partner or the counts differ.
    /// </summary>
    private static List<string>? MatchPassengers(JsonElement offered, IReadOnlyList<SearchPassenger> searched)
    {
        var candidates = offered.EnumerateArray().Select(p => (
            Id: p.GetProperty("id").GetString()!,
            Type: p.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null,
            Age: p.TryGetProperty("age", out var age) && age.ValueKind == JsonValueKind.Number && age.TryGetInt32(out var years) ? years : (int?)null)).ToList();
        if (candidates.Count != searched.Count)
        {
            return null;
        }
        var used = new bool[candidates.Count];
        var ids = new List<string>(searched.Count);
        foreach (var passenger in searched)
        {
            // What we sent: adults by type, everyone else by age (see SearchBody).
            var sentAge = passenger.IsAdult ? null : passenger.Age;
            var index = -1;
            for (var i = 0; i < candidates.Count && index < 0; i++)
            {
                if (!used[i] && Matches(candidates[i].Type, candidates[i].Age, sentAge, passenger.IsInfant))
                {
                    index = i;
                }
            }
            if (index < 0)
            {
                return null;
            }
            used[index] = true;
            ids.Add(candidates[index].Id);
        }
        return ids;

        static bool Matches(string? type, int? age, int? sentAge, bool isInfant)
        {
            if (sentAge is null)
            {
                return age is null && type is null or "adult";
            }
            if (age is not null)
            {
                return age == sentAge;
            }
            // Searched by age, but the offer gives none: only lap or seat can be checked (an airline may count a
            // 14-year-old as an adult, but never an infant on a lap as anything else).
            return type is null || (type == "infant_without_seat") == isInfant;
        }
    }

    private static object SliceBody(string origin, string destination, DateOnly departureDate) => new
    {
        origin,
        destination,
        departure_date = departureDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>Duffel's payment object (<c>type</c>, <c>amount</c>, <c>currency</c>), from the account's balance.</summary>
    private static Dictionary<string, string> BalancePayment(Core.Money.Money amount) => new(StringComparer.Ordinal)
    {
        ["type"] = "balance",
        ["amount"] = FormatAmount(amount.Amount),
        ["currency"] = amount.Currency,
    };

    /// <summary>
    /// A passenger as an order names them: names in the letters Duffel takes (<see cref="DuffelNames"/>);
    /// <c>infant_passenger_id</c> only on the adult an infant travels with; <c>identity_documents</c> (one) only when
    /// the offer takes a document, never an empty list.
    /// </summary>
    private static Dictionary<string, object> OrderPassengerBody(OrderPassenger passenger)
    {
        var body = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["id"] = passenger.ProviderPassengerId,
            ["title"] = passenger.Title,
            ["given_name"] = DuffelNames.ForOrder(passenger.GivenName),
            ["family_name"] = DuffelNames.ForOrder(passenger.FamilyName),
            ["born_on"] = passenger.BornOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["gender"] = passenger.Gender,
            ["email"] = passenger.Email,
            ["phone_number"] = passenger.PhoneNumber,
        };
        if (passenger.InfantPassengerId is { } infant)
        {
            body["infant_passenger_id"] = infant;
        }
        if (passenger.Document is { } document)
        {
            body["identity_documents"] = new[]
            {
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["type"] = document.Type,
                    ["unique_identifier"] = document.Number,
                    ["issuing_country_code"] = document.IssuingCountry,
                    ["expires_on"] = document.ExpiresOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
            };
        }
        return body;
    }

    /// <summary>A date-time field of an object that may be absent or null.</summary>
    private static DateTimeOffset? OptionalTime(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetDateTimeOffset() : null;

    private static string FormatAmount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
