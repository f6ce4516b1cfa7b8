using System.Text.RegularExpressions;
using AutoBooking.Core.Trips;

namespace AutoBooking.Functions.Http;

/// <summary>
/// Turns a <see cref="CreateTripRequest"/> into a <see cref="NewTrip"/>, or lists every offending field.
/// Error messages never echo the submitted values.
/// </summary>
public static partial class CreateTripValidator
{
    private static readonly string[] Cabins = ["economy", "premium_economy", "business", "first"];
    private static readonly string[] Titles = ["mr", "ms", "mrs", "miss", "dr"];
    private static readonly string[] Genders = ["m", "f"];

    public static (NewTrip? Trip, Dictionary<string, string[]> Errors) Validate(CreateTripRequest request, string ownerId, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (request.Origin is null || !Iata().IsMatch(request.Origin))
        {
            Fail("origin", "Must be a three-letter IATA airport code in capitals, e.g. LHR.");
        }
        if (request.Destination is null || !Iata().IsMatch(request.Destination))
        {
            Fail("destination", "Must be a three-letter IATA airport code in capitals, e.g. JFK.");
        }
        else if (request.Destination == request.Origin)
        {
            Fail("destination", "Must differ from the origin.");
        }
        if (request.DepartureDate is not { } departure || departure <= today || departure > today.AddDays(360))
        {
            Fail("departureDate", "Must be a date (yyyy-MM-dd) after today and at most 360 days ahead.");
        }
        var cabin = request.Cabin ?? "economy";
        if (!Cabins.Contains(cabin))
        {
            Fail("cabin", "Must be one of: " + string.Join(", ", Cabins) + ".");
        }
        var maxConnections = request.MaxConnections ?? 1;
        if (maxConnections is < 0 or > 3)
        {
            Fail("maxConnections", "Must be between 0 and 3.");
        }
        if (request.MaxPrice?.Amount is not { } amount || amount <= 0 || amount > 100_000 || decimal.Round(amount, 2) != amount)
        {
            Fail("maxPrice.amount", "Must be a positive amount up to 100000 with at most two decimals.");
        }
        if (request.MaxPrice?.Currency is null || !Currency().IsMatch(request.MaxPrice.Currency))
        {
            Fail("maxPrice.currency", "Must be a three-letter ISO-4217 currency code in capitals, e.g. GBP.");
        }
        ValidateTraveler(request.Traveler, today, Fail);
        if (request.PaymentMethod?.StripeCustomerId is not { } customer || !StripeId("cus").IsMatch(customer))
        {
            Fail("paymentMethod.stripeCustomerId", "Must be a Stripe customer id (cus_…).");
        }
        if (request.PaymentMethod?.StripePaymentMethodId is not { } paymentMethod || !StripeId("pm").IsMatch(paymentMethod))
        {
            Fail("paymentMethod.stripePaymentMethodId", "Must be a Stripe payment method id (pm_…).");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var t = request.Traveler!;
        var trip = new NewTrip(ownerId, request.Origin!, request.Destination!, request.DepartureDate!.Value, cabin, maxConnections,
            new Core.Money.Money(request.MaxPrice!.Amount!.Value, request.MaxPrice.Currency!),
            new Traveler(t.Title!, t.GivenName!.Trim(), t.FamilyName!.Trim(), t.BornOn!.Value, t.Gender!, t.Email!.Trim(), t.Phone!),
            request.PaymentMethod!.StripeCustomerId!, request.PaymentMethod.StripePaymentMethodId!);
        return (trip, errors);
    }

    private static void ValidateTraveler(TravelerDto? traveler, DateOnly today, Action<string, string> fail)
    {
        if (traveler is null)
        {
            fail("traveler", "Is required.");
            return;
        }
        if (traveler.Title is null || !Titles.Contains(traveler.Title))
        {
            fail("traveler.title", "Must be one of: " + string.Join(", ", Titles) + ".");
        }
        if (!IsName(traveler.GivenName))
        {
            fail("traveler.givenName", "Must be 1 to 50 letters (spaces, hyphens and apostrophes allowed).");
        }
        if (!IsName(traveler.FamilyName))
        {
            fail("traveler.familyName", "Must be 1 to 50 letters (spaces, hyphens and apostrophes allowed).");
        }
        if (traveler.BornOn is not { } bornOn || bornOn >= today || bornOn < today.AddYears(-120))
        {
            fail("traveler.bornOn", "Must be a date (yyyy-MM-dd) in the past, within 120 years.");
        }
        else if (bornOn > today.AddYears(-18))
        {
            // The walking skeleton books one adult; children and infants come with full traveler sets.
            fail("traveler.bornOn", "The traveler must be an adult (18 or older).");
        }
        if (traveler.Gender is null || !Genders.Contains(traveler.Gender))
        {
            fail("traveler.gender", "Must be m or f (as the airline records it).");
        }
        if (traveler.Email is null || traveler.Email.Length > 254 || !Email().IsMatch(traveler.Email.Trim()))
        {
            fail("traveler.email", "Must be an email address.");
        }
        if (traveler.Phone is null || !E164().IsMatch(traveler.Phone))
        {
            fail("traveler.phone", "Must be an E.164 phone number, e.g. +442080160508.");
        }
    }

    private static bool IsName(string? name) => name is not null && Name().IsMatch(name.Trim());

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Iata();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Currency();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^[^@\s<>""']{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\p{L}[\p{L}\p{M} '\-]{0,49}$")]
    private static partial Regex Name();

    private static Regex StripeId(string prefix) => prefix == "cus" ? CustomerId() : PaymentMethodId();

    [GeneratedRegex("^cus_[A-Za-z0-9]{1,64}$")]
    private static partial Regex CustomerId();

    [GeneratedRegex("^pm_[A-Za-z0-9_]{1,64}$")]
    private static partial Regex PaymentMethodId();
}
