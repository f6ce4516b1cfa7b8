using System.Globalization;
using AutoBooking.Sandbox;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>Request bodies for the trip endpoints.</summary>
public static class TripBodies
{
    /// <summary>The test trips' first departure: <see cref="TestCalendar.FirstDeparture"/> (moved by AB_TEST_DAYS_AHEAD).</summary>
    public static DateOnly DepartureDate => TestCalendar.FirstDeparture;

    public static string Departure => DepartureDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Ada's passport: valid for ten years from the test calendar's today, so it outlasts every test trip. International
    /// offers from airlines that require documents (BA and VS in the sandbox) take it.
    /// </summary>
    public static string Passport =>
        $$"""{ "type": "passport", "number": "533401222", "issuingCountry": "GB", "expiresOn": "{{TestCalendar.Iso(TestCalendar.Today.AddYears(10))}}" }""";

    /// <summary>
    /// A trip for Ada Lovelace, LHR→JFK by default. <paramref name="passport"/>: false leaves her without an identity
    /// document, so offers that require one are not chosen.
    /// </summary>
    public static string Valid(string origin = "LHR", string destination = "JFK", decimal maxPrice = 500m, string currency = "GBP",
        string paymentMethod = "pm_card_visa", bool passport = true) => $$"""
        {
          "origin": "{{origin}}",
          "destination": "{{destination}}",
          "departureDate": "{{Departure}}",
          "cabin": "economy",
          "maxConnections": 1,
          "maxPrice": { "amount": {{maxPrice.ToString(CultureInfo.InvariantCulture)}}, "currency": "{{currency}}" },
          "traveler": {
            "title": "ms", "givenName": "Ada", "familyName": "Lovelace", "bornOn": "1990-12-10",
            "gender": "f", "email": "ada.lovelace@example.com", "phone": "+442080160508"{{(passport ? ", \"document\": " + Passport : "")}}
          },
          "paymentMethod": { "stripeCustomerId": "cus_Test123", "stripePaymentMethodId": "{{paymentMethod}}" },
          "autoBookConsent": { "termsVersion": "2026-11" }
        }
        """;

    /// <summary>A trip that names a saved traveler profile and a saved card instead of inline data.</summary>
    public static string WithSaved(Guid travelerId, Guid paymentMethodId, decimal maxPrice = 500m) => $$"""
        {
          "origin": "LHR", "destination": "JFK", "departureDate": "{{Departure}}",
          "maxPrice": { "amount": {{maxPrice.ToString(CultureInfo.InvariantCulture)}}, "currency": "GBP" },
          "travelerId": "{{travelerId}}", "paymentMethodId": "{{paymentMethodId}}",
          "autoBookConsent": { "termsVersion": "2026-11" }
        }
        """;

    /// <summary>The body with one more member (raw JSON, e.g. <c>"checkedBags": 2</c>) beside the cabin.</summary>
    public static string With(string body, string member) =>
        body.Replace("\"cabin\": \"economy\",", "\"cabin\": \"economy\", " + member + ",", StringComparison.Ordinal);
}
