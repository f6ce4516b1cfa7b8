using System.Text.RegularExpressions;
using AutoBooking.Core.Trips;
using AutoBooking.Core.Validation;
using AutoBooking.Functions.Account;

namespace AutoBooking.Functions.Trips;

/// <summary>
/// Turns a <see cref="CreateTripRequest"/> into a <see cref="NewTrip"/>, or lists every offending field.
/// Error messages never echo the submitted values.
/// </summary>
public static partial class CreateTripValidator
{
    private static readonly string[] Cabins = ["economy", "premium_economy", "business", "first"];

    /// <summary>Alternative airports per side: each adds provider searches to the rotation (DESIGN §6).</summary>
    public const int MaxAdditionalAirports = 3;

    /// <summary>Longest departure window after the first acceptable date, in days.</summary>
    public const int MaxWindowDays = 14;

    public static (NewTrip? Trip, Dictionary<string, string[]> Errors) Validate(
        CreateTripRequest request, string ownerId, DateTimeOffset now, SavedSelections? saved = null)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        ArgumentNullException.ThrowIfNull(request);
        saved ??= SavedSelections.None;
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        var criteria = ValidateCriteria(
            new CriteriaInput(request.Origin, request.Destination, request.DepartureDate, request.Cabin, request.MaxConnections, request.MaxPrice,
                request.IncludedAirlines, request.ExcludedAirlines, request.MaxDurationMinutes, request.CheckedBags,
                request.AdditionalOrigins, request.AdditionalDestinations, request.LatestDepartureDate, request.ReturnStay,
                request.PreferredAirlines, request.FareConditions),
            today, errors);
        var traveler = ValidateTraveler(request, saved, today, errors);
        var companions = ValidateCompanions(request, saved, today, errors);
        if (traveler is not null && companions is not null && request.DepartureDate is { } firstDay)
        {
            // Ages only grow: the first possible departure has the most infants and the fewest adults.
            var mix = PassengerMix.ForSearch([traveler.BornOn, .. companions.Select(c => c.BornOn)], firstDay);
            if (mix.Count(p => p.IsInfant) > mix.Count(p => p.IsAdult))
            {
                Fail("/companions", "Each infant (under 2) travels on an adult's lap: there cannot be more infants than adults.");
            }
        }
        var card = ValidateCard(request, saved, Fail);
        if (request.AutoBookConsent?.TermsVersion is not { } terms || !TermsVersion().IsMatch(terms))
        {
            Fail("/autoBookConsent/termsVersion", "Auto-booking needs the traveler's consent: the version of the terms they accepted.");
        }

        if (request.ExpiresAt is { } expiresAt && (expiresAt <= now || DateOnly.FromDateTime(expiresAt.UtcDateTime) > (request.LatestDepartureDate ?? request.DepartureDate)))
        {
            Fail("/expiresAt", "Must be in the future and no later than the last departure date.");
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var trip = new NewTrip(ownerId, criteria!.Origin, criteria.Destination, criteria.DepartureDate, criteria.Cabin, criteria.MaxConnections,
            criteria.MaxTotal,
            traveler!,
            card!.StripeCustomerId, card.StripePaymentMethodId, request.AutoBookConsent!.TermsVersion!, criteria.Filters, request.ExpiresAt,
            request.ApprovalRequired ?? false, criteria.Route, companions!);
        return (trip, errors);
    }

    /// <summary>Up to 20 distinct two-character IATA airline codes (capitals and digits, e.g. BA, U2).</summary>
    private static string[] ValidateAirlines(IReadOnlyList<string>? airlines, string field, Action<string, string> fail)
    {
        if (airlines is null)
        {
            return [];
        }
        if (airlines.Count > 20 || airlines.Any(a => !AirlineCode.TryParse(a, out _)) || airlines.Distinct(StringComparer.Ordinal).Count() != airlines.Count)
        {
            fail(field, "Must be up to 20 distinct two-character IATA airline codes, e.g. BA.");
            return [];
        }
        return [.. airlines];
    }

    /// <summary>Exactly one of an inline traveler or one of the caller's saved travelers (an adult, for now).</summary>
    private static Traveler? ValidateTraveler(CreateTripRequest request, SavedSelections saved, DateOnly today, Dictionary<string, string[]> errors)
    {
        if (request.TravelerId is null)
        {
            return TravelerValidator.Validate(request.Traveler, today, "/traveler", errors, adultOnly: true);
        }
        if (request.Traveler is not null)
        {
            errors["/travelerId"] = ["Give traveler or travelerId, not both."];
            return null;
        }
        if (saved.Traveler is null)
        {
            errors["/travelerId"] = ["No such traveler in your profiles."];
            return null;
        }
        if (saved.Traveler.BornOn > today.AddYears(-18))
        {
            errors["/travelerId"] = ["The traveler must be an adult (18 or older)."];
            return null;
        }
        return saved.Traveler;
    }

    /// <summary>
    /// Up to eight more travelers, inline (<c>companions</c>) or saved profiles (<c>companionIds</c>): adults, children
    /// or infants; lead traveler included, at most nine fly.
    /// </summary>
    private static List<Traveler>? ValidateCompanions(CreateTripRequest request, SavedSelections saved, DateOnly today, Dictionary<string, string[]> errors)
    {
        var inline = request.Companions ?? [];
        var ids = request.CompanionIds ?? [];
        if (inline.Count + ids.Count > PassengerMix.MaxPassengers - 1)
        {
            errors["/companions"] = [$"At most {PassengerMix.MaxPassengers} travelers fly on one trip: up to {PassengerMix.MaxPassengers - 1} companions."];
            return null;
        }
        var companions = new List<Traveler>();
        var valid = true;
        for (var i = 0; i < inline.Count; i++)
        {
            var companion = TravelerValidator.Validate(inline[i], today, $"/companions/{i}", errors, adultOnly: false);
            valid &= companion is not null;
            if (companion is not null)
            {
                companions.Add(companion);
            }
        }
        if (ids.Distinct().Count() != ids.Count || (request.TravelerId is Guid lead && ids.Contains(lead)))
        {
            errors["/companionIds"] = ["Each saved traveler may fly once: no repeats, and not the lead traveler again."];
            return null;
        }
        for (var i = 0; i < ids.Count; i++)
        {
            if (saved.Companions is not { } found || i >= found.Count || found[i] is not { } companion)
            {
                errors[$"/companionIds/{i}"] = ["No such traveler in your profiles."];
                valid = false;
                continue;
            }
            companions.Add(companion);
        }
        return valid ? companions : null;
    }

    /// <summary>Exactly one of the caller's saved cards or a card given by its Stripe ids.</summary>
    private static SavedCard? ValidateCard(CreateTripRequest request, SavedSelections saved, Action<string, string> fail)
    {
        if (request.PaymentMethodId is not null)
        {
            if (request.PaymentMethod is not null)
            {
                fail("/paymentMethodId", "Give paymentMethod or paymentMethodId, not both.");
                return null;
            }
            if (saved.Card is null)
            {
                fail("/paymentMethodId", "No such saved card.");
            }
            return saved.Card;
        }
        var valid = true;
        if (request.PaymentMethod?.StripeCustomerId is not { } customer || !StripeId("cus").IsMatch(customer))
        {
            fail("/paymentMethod/stripeCustomerId", "Must be a Stripe customer id (cus_…).");
            valid = false;
        }
        if (request.PaymentMethod?.StripePaymentMethodId is not { } paymentMethod || !StripeId("pm").IsMatch(paymentMethod))
        {
            fail("/paymentMethod/stripePaymentMethodId", "Must be a Stripe payment method id (pm_…).");
            valid = false;
        }
        return valid ? new SavedCard(request.PaymentMethod!.StripeCustomerId!, request.PaymentMethod.StripePaymentMethodId!) : null;
    }

    /// <summary>The search criteria rules, shared by creation and by criteria updates.</summary>
    public static TripCriteria? ValidateCriteria(CriteriaInput input, DateOnly today, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        void fail(string field, string message) => errors[field] = [message];
        var request = input;

        if (!AirportCode.TryParse(request.Origin, out _))
        {
            fail("/origin", "Must be a three-letter IATA airport code in capitals, e.g. LHR.");
        }
        if (!AirportCode.TryParse(request.Destination, out _))
        {
            fail("/destination", "Must be a three-letter IATA airport code in capitals, e.g. JFK.");
        }
        else if (request.Destination == request.Origin)
        {
            fail("/destination", "Must differ from the origin.");
        }
        if (request.DepartureDate is not { } departure || departure <= today || departure > today.AddDays(360))
        {
            fail("/departureDate", "Must be a date (yyyy-MM-dd) after today and at most 360 days ahead.");
        }
        var cabin = request.Cabin ?? "economy";
        if (!Cabins.Contains(cabin))
        {
            fail("/cabin", "Must be one of: " + string.Join(", ", Cabins) + ".");
        }
        var maxConnections = request.MaxConnections ?? 1;
        if (maxConnections is < 0 or > 3)
        {
            fail("/maxConnections", "Must be between 0 and 3.");
        }
        var knownCurrency = CurrencyCode.TryParse(request.MaxPrice?.Currency, out var currency);
        if (!knownCurrency)
        {
            fail("/maxPrice/currency", "Must be an ISO-4217 currency code in circulation, in capitals, e.g. GBP.");
        }
        // Two decimals are not a rule of money: JPY has none, KWD has three. Stripe takes minor units, so an amount
        // finer than the currency's minor unit could never be charged.
        if (request.MaxPrice?.Amount is not { } amount || amount <= 0 || amount > 100_000 || (knownCurrency && !currency.FitsMinorUnit(amount))
            || (!knownCurrency && decimal.Round(amount, 3) != amount))
        {
            fail("/maxPrice/amount", "Must be a positive amount up to 100000 with no more decimals than the currency's minor unit (JPY 0, GBP 2, KWD 3).");
        }
        var included = ValidateAirlines(input.IncludedAirlines, "/includedAirlines", fail);
        var excluded = ValidateAirlines(input.ExcludedAirlines, "/excludedAirlines", fail);
        if (included.Intersect(excluded, StringComparer.Ordinal).Any())
        {
            fail("/excludedAirlines", "An airline cannot be both included and excluded.");
        }
        var preferred = ValidateAirlines(input.PreferredAirlines, "/preferredAirlines", fail);
        if (preferred.Intersect(excluded, StringComparer.Ordinal).Any())
        {
            fail("/preferredAirlines", "An airline cannot be both preferred and excluded.");
        }
        if (input.MaxDurationMinutes is < 60 or > 4320)
        {
            fail("/maxDurationMinutes", "Must be between 60 and 4320 minutes.");
        }
        if (input.CheckedBags is < 0 or > 3)
        {
            fail("/checkedBags", "Must be between 0 and 3.");
        }
        var fare = ValidateFareConditions(input.FareConditions, request.MaxPrice?.Currency, fail);
        var additionalOrigins = ValidateAirports(input.AdditionalOrigins, request.Origin, "/additionalOrigins", fail);
        var additionalDestinations = ValidateAirports(input.AdditionalDestinations, request.Destination, "/additionalDestinations", fail);
        string?[] origins = [request.Origin, .. additionalOrigins];
        if (additionalDestinations.Prepend(request.Destination).Any(d => d is not null && origins.Contains(d)) && !errors.ContainsKey("/destination"))
        {
            fail("/additionalDestinations", "An airport cannot be both an origin and a destination.");
        }
        if (request.DepartureDate is { } earliest && input.LatestDepartureDate is { } latest
            && (latest < earliest || latest > earliest.AddDays(MaxWindowDays) || latest > today.AddDays(360)))
        {
            fail("/latestDepartureDate", $"Must be on or after departureDate, at most {MaxWindowDays} days after it and at most 360 days ahead.");
        }
        var stay = ValidateReturnStay(input.ReturnStay, fail);
        var lastDeparture = input.LatestDepartureDate ?? request.DepartureDate;
        if (stay is not null && lastDeparture is { } lastDay && lastDay.AddDays(stay.MaxNights) > today.AddDays(360))
        {
            fail("/returnStay/maxNights", "The latest return flight must be at most 360 days ahead.");
        }
        if (errors.Count == before && SearchPlan.Count(1 + additionalOrigins.Length, 1 + additionalDestinations.Length, request.DepartureDate!.Value,
                lastDeparture!.Value, stay) > SearchPlan.MaxCombinations)
        {
            fail("/latestDepartureDate", $"Airports × departure days × stay lengths make more than {SearchPlan.MaxCombinations} searches to rotate over: "
                + "narrow the window, the stay range or the alternative airports.");
        }
        if (errors.Count > before)
        {
            return null;
        }
        var route = new RouteAlternatives(additionalOrigins, additionalDestinations,
            input.LatestDepartureDate is { } last && last != request.DepartureDate ? last : null, stay);
        return new TripCriteria(request.Origin!, request.Destination!, request.DepartureDate!.Value, cabin, maxConnections,
            new Core.Money.Money(request.MaxPrice!.Amount!.Value, request.MaxPrice.Currency!),
            new Core.Offers.OfferFilters(included, excluded, input.MaxDurationMinutes, input.CheckedBags ?? 0, preferred, fare), route);
    }

    /// <summary>
    /// Refundable and/or changeable required, each with an optional maximum penalty in the trip's currency (0 to 100000,
    /// no more decimals than its minor unit). Null when nothing is required.
    /// </summary>
    private static Core.Offers.FareRequirements? ValidateFareConditions(FareConditionsDto? input, string? currency, Action<string, string> fail)
    {
        if (input is null)
        {
            return null;
        }
        Core.Offers.FareRequirement? Read(FareConditionDto? condition, string pointer)
        {
            if (condition is null)
            {
                return null;
            }
            if (condition.MaxPenalty is { } max && (max < 0 || max > 100_000m
                || (currency is not null && decimal.Round(max, Core.Money.Money.ExponentOf(currency)) != max)))
            {
                fail(pointer + "/maxPenalty", "Must be an amount from 0 to 100000 in the trip's currency, with no more decimals than its minor unit.");
            }
            return new Core.Offers.FareRequirement(condition.MaxPenalty);
        }
        var requirements = new Core.Offers.FareRequirements(Read(input.Refundable, "/fareConditions/refundable"),
            Read(input.Changeable, "/fareConditions/changeable"));
        return requirements.IsEmpty ? null : requirements;
    }

    /// <summary>A return stay of 1 to 60 nights, minimum no more than maximum; null for a one-way trip.</summary>
    private static ReturnStay? ValidateReturnStay(ReturnStayDto? stay, Action<string, string> fail)
    {
        if (stay is null)
        {
            return null;
        }
        var valid = true;
        if (stay.MinNights is not (>= 1 and <= 60))
        {
            fail("/returnStay/minNights", "Must be between 1 and 60 nights.");
            valid = false;
        }
        if (stay.MaxNights is not (>= 1 and <= 60))
        {
            fail("/returnStay/maxNights", "Must be between 1 and 60 nights.");
            valid = false;
        }
        else if (valid && stay.MaxNights < stay.MinNights)
        {
            fail("/returnStay/maxNights", "Must be at least minNights.");
            valid = false;
        }
        return valid ? new ReturnStay(stay.MinNights!.Value, stay.MaxNights!.Value) : null;
    }

    /// <summary>Up to <see cref="MaxAdditionalAirports"/> distinct IATA airport codes, none equal to the main one.</summary>
    private static string[] ValidateAirports(IReadOnlyList<string>? airports, string? main, string field, Action<string, string> fail)
    {
        if (airports is null)
        {
            return [];
        }
        if (airports.Count > MaxAdditionalAirports || airports.Any(a => !AirportCode.TryParse(a, out _))
            || airports.Distinct(StringComparer.Ordinal).Count() != airports.Count || airports.Contains(main))
        {
            fail(field, $"Must be up to {MaxAdditionalAirports} distinct three-letter IATA airport codes in capitals, not repeating the main one.");
            return [];
        }
        return [.. airports];
    }

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,32}\z")]
    private static partial Regex TermsVersion();

    private static Regex StripeId(string prefix) => prefix == "cus" ? CustomerId() : PaymentMethodId();

    [GeneratedRegex(@"\Acus_[A-Za-z0-9]{1,64}\z")]
    private static partial Regex CustomerId();

    [GeneratedRegex(@"\Apm_[A-Za-z0-9_]{1,64}\z")]
    private static partial Regex PaymentMethodId();
}
