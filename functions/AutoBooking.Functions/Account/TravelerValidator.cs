using AutoBooking.Core.Trips;
using AutoBooking.Core.Validation;
using AutoBooking.Functions.Trips;

namespace AutoBooking.Functions.Account;

/// <summary>
/// The rules for a passenger's identity, shared by trip creation and traveler profiles. Errors are keyed by
/// field path under <c>prefix</c> and never echo the submitted values.
/// </summary>
public static class TravelerValidator
{
    private static readonly string[] Titles = ["mr", "ms", "mrs", "miss", "dr"];
    private static readonly string[] Genders = ["m", "f"];
    private static readonly string[] DocumentTypes = ["passport", "identity_card"];

    /// <summary>Validates and normalises; returns null (and fills <paramref name="errors"/>) when anything is wrong.</summary>
    public static Traveler? Validate(TravelerDto? traveler, DateOnly today, string prefix, Dictionary<string, string[]> errors, bool adultOnly)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        void Fail(string field, string message) => errors[prefix + "/" + field] = [message];
        if (traveler is null)
        {
            errors[prefix] = ["Is required."];
            return null;
        }
        if (traveler.Title is null || !Titles.Contains(traveler.Title))
        {
            Fail("title", "Must be one of: " + string.Join(", ", Titles) + ".");
        }
        if (!PersonName.TryParse(traveler.GivenName, out var givenName))
        {
            Fail("givenName", NameRule);
        }
        if (!PersonName.TryParse(traveler.FamilyName, out var familyName))
        {
            Fail("familyName", NameRule);
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
        if (!EmailAddress.TryParse(traveler.Email, out var email))
        {
            Fail("email", "Must be an email address (name@example.com, at most 254 characters, no display name).");
        }
        if (!PhoneNumber.TryParse(traveler.Phone, out var phone))
        {
            Fail("phone", "Must be an E.164 phone number: + and 8 to 15 digits, no spaces, e.g. +442080160508.");
        }
        var document = ValidateDocument(traveler.Document, today, Fail);
        if (errors.Count > before)
        {
            return null;
        }
        // Stored exactly as validated: the normalised values, never the raw input.
        return new Traveler(traveler.Title!, givenName.Value, familyName.Value, traveler.BornOn!.Value,
            traveler.Gender!, email.Value, phone.Value, document);
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
            fail("document/type", "Must be passport or identity_card.");
            valid = false;
        }
        if (document.Number is null || !TextRules.IsAscii(document.Number, 5, 20, c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
        {
            fail("document/number", "Must be 5 to 20 capital letters and digits.");
            valid = false;
        }
        if (!CountryCode.TryParse(document.IssuingCountry, out _))
        {
            fail("document/issuingCountry", "Must be a two-letter ISO-3166 country code in capitals, e.g. GB.");
            valid = false;
        }
        if (document.ExpiresOn is not { } expiresOn || expiresOn <= today || expiresOn > today.AddYears(20))
        {
            fail("document/expiresOn", "Must be a date (yyyy-MM-dd) in the future, within 20 years.");
            valid = false;
        }
        return valid ? new IdentityDocument(document.Type!, document.Number!, document.IssuingCountry!, document.ExpiresOn!.Value) : null;
    }

    private const string NameRule =
        "Must be 1 to 50 Latin letters (accents allowed), with single spaces, hyphens or apostrophes between them, starting with a letter.";
}
