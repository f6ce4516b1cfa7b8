using AutoBooking.Sandbox;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>Request bodies for the traveler endpoints.</summary>
public static class TravelerBodies
{
    public static string Valid(string givenName = "Grace", string documentNumber = "123456789") => $$"""
        {
          "title": "dr", "givenName": "{{givenName}}", "familyName": "Hopper", "bornOn": "1986-12-09",
          "gender": "f", "email": "grace.hopper@example.com", "phone": "+12025550123",
          "document": { "type": "passport", "number": "{{documentNumber}}", "issuingCountry": "US", "expiresOn": "{{TestCalendar.Iso(TestCalendar.Today.AddYears(5))}}" }
        }
        """;
}
