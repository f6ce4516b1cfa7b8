using System.Text.RegularExpressions;
using AutoBooking.Core.Trips;

namespace AutoBooking.Functions.Http;

/// <summary>
/// The rules for a passenger's identity, shared by trip creation and traveler profiles. Errors are keyed by
/// field path under <c>prefix</c> and never echo the submitted values.
/// </summary>
public static partial class TravelerValidator
{
    private static readonly string[] Titles = ["mr", "ms", "mrs", "miss", "dr"];
    private static readonly string[] Genders = ["m", "f"];
    private static readonly string[] DocumentTypes = ["passport", "identity_card"];

    /// <summary>Validates and normalises; returns null (and fills <paramref name="errors"/>) when anything is wrong.</summary>
    public static Traveler? Validate(TravelerDto? traveler, DateOnly today, string prefix, Dictionary<string, string[]> errors, bool adultOnly)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        void Fail(string field, string message) => errors[prefix + field] = [message];
        if (traveler is null)
        {
            errors[prefix.TrimEnd('.')] = ["Is required."];
            return null;
        }
        if (traveler.Title is null || !Titles.Contains(traveler.Title))
        {
            Fail("title", "Must be one of: " + string.Join(", ", Titles) + ".");
        }
        if (!IsName(traveler.GivenName))
        {
            Fail("givenName", "Must be 1 to 50 letters (spaces, hyphens and apostrophes allowed).");
        }
        if (!IsName(traveler.FamilyName))
        {
            Fail("familyName", "Must be 1 to 50 letters (spaces, hyphens and apostrophes allowed).");
        }
        if (traveler.BornOn is not { } bornOn || bornOn >= today || bornOn < today.AddYears(-120))
        {
            Fail("bornOn", "Must be a date (yyyy-MM-dd) in the past, within 120 years.");
        }
        else if (adultOnly && bornOn > today.AddYears(-18))
        {
            // Trips book one adult for now; children and infants come with traveler sets on trips.
            Fail("bornOn", "The traveler must be an adult (18 or older).");
        }
        if (traveler.Gender is null || !Genders.Contains(traveler.Gender))
        {
            Fail("gender", "Must be m or f (as the airline records it).");
        }
        if (traveler.Email is null || traveler.Email.Length > 254 || !Email().IsMatch(traveler.Email.Trim()))
        {
            Fail("email", "Must be an email address.");
        }
        if (traveler.Phone is null || !E164().IsMatch(traveler.Phone))
        {
            Fail("phone", "Must be an E.164 phone number, e.g. +442080160508.");
        }
        var document = ValidateDocument(traveler.Document, today, Fail);
        if (errors.Count > before)
        {
            return null;
        }
        return new Traveler(traveler.Title!, traveler.GivenName!.Trim(), traveler.FamilyName!.Trim(), traveler.BornOn!.Value,
            traveler.Gender!, traveler.Email!.Trim(), traveler.Phone!, document);
    }

    private static IdentityDocument? ValidateDocument(IdentityDocumentDto? document, DateOnly today, Action<string, string> fail)
    {
        if (document is null)
        {
            return null;
        }
        var valid = true;
        if (document.Type is null || !DocumentTypes.Contains(document.Type))
        {
            fail("document.type", "Must be passport or identity_card.");
            valid = false;
        }
        if (document.Number is null || !DocumentNumber().IsMatch(document.Number))
        {
            fail("document.number", "Must be 5 to 20 letters and digits.");
            valid = false;
        }
        if (document.IssuingCountry is null || !Country().IsMatch(document.IssuingCountry))
        {
            fail("document.issuingCountry", "Must be a two-letter ISO-3166 country code in capitals, e.g. GB.");
            valid = false;
        }
        if (document.ExpiresOn is not { } expiresOn || expiresOn <= today || expiresOn > today.AddYears(20))
        {
            fail("document.expiresOn", "Must be a date (yyyy-MM-dd) in the future, within 20 years.");
            valid = false;
        }
        return valid ? new IdentityDocument(document.Type!, document.Number!, document.IssuingCountry!, document.ExpiresOn!.Value) : null;
    }

    private static bool IsName(string? name) => name is not null && Name().IsMatch(name.Trim());

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^[^@\s<>""']{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\p{L}[\p{L}\p{M} '\-]{0,49}$")]
    private static partial Regex Name();

    [GeneratedRegex("^[A-Z0-9]{5,20}$")]
    private static partial Regex DocumentNumber();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex Country();
}
