using System.Globalization;
using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Duffel;

/// <summary>
/// Builds a search's offers: the same three itineraries for every route (BA non-stop, AA via a hub, VS
/// non-stop), priced from the cheapest fare up, with schedules derived from a stable hash of the route so a
/// search repeated tomorrow finds the same flights. Only ids and timestamps differ between searches.
/// Each carrier sells on its own terms (<see cref="OfferTermsPlan"/>):
/// BA requires passports on international routes, can't be held, is not refundable and changes for a GBP penalty;
/// AA allows (does not require) passports abroad and takes none at home, can be held, says nothing about refunds
/// (null) and changes free; VS requires passports abroad, can't be held, refunds for a penalty and changes free.
/// </summary>
internal static class OfferFactory
{
    public static readonly TimeSpan OfferLifetime = TimeSpan.FromMinutes(30);

    /// <summary>Tax is shown as a share of the total, as Duffel splits base_amount and tax_amount.</summary>
    private const decimal TaxShare = 0.12m;

    private static readonly OfferPlan[] Plans =
    [
        new(Carrier.BritishAirways, Stops: 0, PriceFactor: 1.00m, Departure: new TimeOnly(9, 30),
            new OfferTermsPlan(DocumentsOnInternational: true, DocumentsAllowedOnDomestic: true, Holdable: false,
                Refund: new ConditionPlan(false, null), Change: new ConditionPlan(true, 65m, "GBP"))),
        new(Carrier.AmericanAirlines, Stops: 1, PriceFactor: 1.12m, Departure: new TimeOnly(13, 5),
            new OfferTermsPlan(DocumentsOnInternational: false, DocumentsAllowedOnDomestic: false, Holdable: true,
                Refund: null, Change: new ConditionPlan(true, 0m))),
        new(Carrier.VirginAtlantic, Stops: 0, PriceFactor: 1.27m, Departure: new TimeOnly(17, 45),
            new OfferTermsPlan(DocumentsOnInternational: true, DocumentsAllowedOnDomestic: true, Holdable: false,
                Refund: new ConditionPlan(true, 100m), Change: new ConditionPlan(true, 0m))),
    ];

    private static readonly string[] Hubs = ["DUB", "AMS", "BOS", "ORD", "CDG"];

    public static IReadOnlyList<OfferRecord> Create(
        string offerRequestId,
        IReadOnlyList<SliceQuery> slices,
        IReadOnlyList<PassengerQuery> passengers,
        string cabinClass,
        int? maxConnections,
        FareQuote? cheapest,
        DateTimeOffset now)
    {
        if (cheapest is null)
        {
            return [];
        }
        return Plans
            .Where(plan => maxConnections is null || plan.Stops <= maxConnections)
            .Select(plan => CreateOffer(plan, offerRequestId, slices, passengers, cabinClass, cheapest, now))
            .ToList();
    }

    /// <summary>Splits a total into (base, tax) the way the offer shows it.</summary>
    public static (decimal Base, decimal Tax) Split(decimal total)
    {
        var tax = decimal.Round(total * TaxShare, 2);
        return (total - tax, tax);
    }

    private static OfferRecord CreateOffer(
        OfferPlan plan,
        string offerRequestId,
        IReadOnlyList<SliceQuery> slices,
        IReadOnlyList<PassengerQuery> passengers,
        string cabinClass,
        FareQuote cheapest,
        DateTimeOffset now)
    {
        var sliceNodes = new JsonArray();
        var totalDuration = TimeSpan.Zero;
        var international = slices.Any(s => AirportCountries.IsInternational(s.Origin, s.Destination));
        var lastFlightOn = DateOnly.MinValue;
        foreach (var slice in slices)
        {
            var (node, duration) = BuildSlice(plan, slice, passengers, cabinClass);
            node["conditions"] = plan.Terms.Conditions(cheapest.Currency);
            sliceNodes.Add(node);
            totalDuration += duration;
            var arrival = DateOnly.FromDateTime(slice.DepartureDate.ToDateTime(plan.Departure) + duration);
            lastFlightOn = arrival > lastFlightOn ? arrival : lastFlightOn;
        }
        return new OfferRecord
        {
            Id = Ids.Duffel("off"),
            OfferRequestId = offerRequestId,
            Owner = plan.Carrier,
            Total = new FareQuote(decimal.Round(cheapest.Amount * plan.PriceFactor, 2), cheapest.Currency),
            Stops = plan.Stops,
            TotalDuration = totalDuration,
            Passengers = passengers,
            CabinClass = cabinClass,
            Slices = sliceNodes,
            CreatedAt = now,
            ExpiresAt = now + OfferLifetime,
            DocumentsRequired = plan.Terms.DocumentsRequired(international),
            AllowedDocumentTypes = plan.Terms.AllowedDocumentTypes(international),
            RequiresInstantPayment = !plan.Terms.Holdable,
            Conditions = plan.Terms.Conditions(cheapest.Currency),
            LastFlightOn = lastFlightOn,
        };
    }

    private static (JsonObject Slice, TimeSpan Duration) BuildSlice(
        OfferPlan plan, SliceQuery slice, IReadOnlyList<PassengerQuery> passengers, string cabinClass)
    {
        var hash = StableHash.Of($"{slice.Origin}|{slice.Destination}|{plan.Carrier.IataCode}");
        // A non-stop flight of 1 to 11 hours, in 5-minute steps, fixed per route.
        var nonStop = TimeSpan.FromMinutes(60 + (hash % 121) * 5);
        var departure = slice.DepartureDate.ToDateTime(plan.Departure);
        var flightNumber = 100 + (int)(hash / 121 % 800);

        var segments = new JsonArray();
        TimeSpan duration;
        if (plan.Stops == 0)
        {
            duration = nonStop;
            segments.Add(Segment(plan.Carrier, flightNumber, slice.Origin, slice.Destination, departure, nonStop, passengers, cabinClass));
        }
        else
        {
            var hub = Hubs.Where(h => h != slice.Origin && h != slice.Destination).ElementAt((int)(hash % 3));
            var firstLeg = RoundToFiveMinutes(nonStop * 0.45 + TimeSpan.FromMinutes(30));
            var connection = TimeSpan.FromMinutes(95);
            var secondLeg = RoundToFiveMinutes(nonStop * 0.7 + TimeSpan.FromMinutes(20));
            segments.Add(Segment(plan.Carrier, flightNumber, slice.Origin, hub, departure, firstLeg, passengers, cabinClass));
            segments.Add(Segment(plan.Carrier, flightNumber + 1000, hub, slice.Destination, departure + firstLeg + connection, secondLeg, passengers, cabinClass));
            duration = firstLeg + connection + secondLeg;
        }
        var node = new JsonObject
        {
            ["id"] = Ids.Duffel("sli"),
            ["origin"] = Airport(slice.Origin),
            ["destination"] = Airport(slice.Destination),
            ["origin_type"] = "airport",
            ["destination_type"] = "airport",
            ["duration"] = Wire.Duration(duration),
            ["fare_brand_name"] = "Basic",
            ["segments"] = segments,
        };
        return (node, duration);
    }

    private static JsonObject Segment(
        Carrier carrier,
        int flightNumber,
        string origin,
        string destination,
        DateTime departingAt,
        TimeSpan duration,
        IReadOnlyList<PassengerQuery> passengers,
        string cabinClass)
    {
        var number = flightNumber.ToString(CultureInfo.InvariantCulture);
        var segmentPassengers = new JsonArray();
        foreach (var passenger in passengers)
        {
            segmentPassengers.Add(new JsonObject
            {
                ["passenger_id"] = passenger.Id,
                ["cabin_class"] = cabinClass,
                ["cabin_class_marketing_name"] = MarketingName(cabinClass),
                ["baggages"] = Baggages(passenger),
            });
        }
        return new JsonObject
        {
            ["id"] = Ids.Duffel("seg"),
            ["origin"] = Airport(origin),
            ["destination"] = Airport(destination),
            ["departing_at"] = Wire.LocalTime(departingAt),
            ["arriving_at"] = Wire.LocalTime(departingAt + duration),
            ["duration"] = Wire.Duration(duration),
            ["marketing_carrier"] = CarrierNode(carrier),
            ["operating_carrier"] = CarrierNode(carrier),
            ["marketing_carrier_flight_number"] = number,
            ["operating_carrier_flight_number"] = number,
            ["passengers"] = segmentPassengers,
        };
    }

    /// <summary>One checked bag for everyone (an infant's too); a cabin bag only for those with a seat.</summary>
    private static JsonArray Baggages(PassengerQuery passenger)
    {
        var baggages = new JsonArray { new JsonObject { ["type"] = "checked", ["quantity"] = 1 } };
        if (passenger.FareType != PassengerQuery.Infant)
        {
            baggages.Add(new JsonObject { ["type"] = "carry_on", ["quantity"] = 1 });
        }
        return baggages;
    }

    public static JsonObject Airport(string iataCode) => new() { ["iata_code"] = iataCode, ["type"] = "airport" };

    public static JsonObject CarrierNode(Carrier carrier) => new() { ["iata_code"] = carrier.IataCode, ["name"] = carrier.Name };

    private static string MarketingName(string cabinClass) => cabinClass switch
    {
        "premium_economy" => "Premium Economy",
        "business" => "Business",
        "first" => "First",
        _ => "Economy",
    };

    private static TimeSpan RoundToFiveMinutes(TimeSpan value) => TimeSpan.FromMinutes(Math.Round(value.TotalMinutes / 5) * 5);

    private sealed record OfferPlan(Carrier Carrier, int Stops, decimal PriceFactor, TimeOnly Departure, OfferTermsPlan Terms);
}
