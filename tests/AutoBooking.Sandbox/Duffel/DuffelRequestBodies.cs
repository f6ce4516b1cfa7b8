using System.Globalization;
using System.Text.Json.Nodes;
using AutoBooking.Sandbox.Hosting;

namespace AutoBooking.Sandbox.Duffel;

/// <summary>
/// Reads Duffel request bodies, recording every problem in a <see cref="DuffelValidation"/> (with JSON
/// pointers) instead of stopping at the first, as Duffel does. Values read from an invalid body are
/// placeholders: callers check <see cref="DuffelValidation.HasErrors"/> before using them.
/// </summary>
internal static class DuffelRequestBodies
{
    /// <summary>Duffel's limits on one search.</summary>
    public const int MaxPassengers = 9;

    public const int MaxSlices = 2;

    private const int MaxAge = 130;

    private static readonly string[] PassengerTypes = [PassengerQuery.AdultType, PassengerQuery.Child, PassengerQuery.Infant];
    private static readonly string[] CabinClasses = ["economy", "premium_economy", "business", "first"];
    private static readonly string[] Titles = ["mr", "ms", "mrs", "miss", "dr"];
    private static readonly string[] Genders = ["m", "f"];
    private static readonly string[] PaymentTypes = ["balance", "arc_bsp_cash"];

    /// <summary>Duffel's <c>PassengerIdentityDocumentType</c>.</summary>
    private static readonly string[] DocumentTypes = ["passport", "tax_id"];

    public static string ReadCabinClass(JsonNode? node, DuffelValidation validation)
    {
        if (node is null)
        {
            return "economy";
        }
        var cabinClass = JsonRead.String(node) ?? "";
        if (!CabinClasses.Contains(cabinClass))
        {
            validation.Invalid("/cabin_class", "cabin_class must be one of: " + string.Join(", ", CabinClasses) + ".");
        }
        return cabinClass;
    }

    /// <summary>Absent means Duffel's default (1); the sandbox then leaves no offer out.</summary>
    public static int? ReadMaxConnections(JsonNode? node, DuffelValidation validation)
    {
        if (node is null)
        {
            return null;
        }
        var maxConnections = JsonRead.Int(node);
        if (maxConnections is not (>= 0 and <= 2))
        {
            validation.Invalid("/max_connections", "max_connections must be 0, 1 or 2.");
        }
        return maxConnections;
    }

    /// <summary>
    /// One slice (one-way) or two (a return: the second flies back from the first's destination to its origin,
    /// not before the first). Duffel also sells multi-city journeys; the sandbox does not, and says so.
    /// </summary>
    public static List<SliceQuery> ReadSlices(JsonNode? node, DuffelValidation validation)
    {
        var slices = new List<SliceQuery>();
        if (node is not JsonArray { Count: > 0 } array)
        {
            validation.Required("/slices");
            return slices;
        }
        if (array.Count > MaxSlices)
        {
            validation.Invalid("/slices", "The sandbox sells one-way (one slice) and return (two slices) journeys only.");
            return slices;
        }
        var valid = true;
        for (var i = 0; i < array.Count; i++)
        {
            var pointer = $"/slices/{i}";
            if (array[i] is not JsonObject slice)
            {
                validation.Invalid(pointer, "A slice is an object with origin, destination and departure_date.");
                valid = false;
                continue;
            }
            var origin = ReadAirport(slice["origin"], pointer + "/origin", validation);
            var destination = ReadAirport(slice["destination"], pointer + "/destination", validation);
            if (origin is not null && origin == destination)
            {
                validation.Invalid(pointer + "/destination", "The destination must differ from the origin.");
            }
            var dateText = JsonRead.String(slice["departure_date"]);
            DateOnly date = default;
            if (dateText is null)
            {
                validation.Required(pointer + "/departure_date");
                valid = false;
            }
            else if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                validation.Invalid(pointer + "/departure_date", "departure_date must be a date like 2026-12-10.");
                valid = false;
            }
            if (origin is not null && destination is not null)
            {
                slices.Add(new SliceQuery(origin, destination, date));
            }
            else
            {
                valid = false;
            }
        }
        if (valid && slices.Count == 2)
        {
            var (outbound, inbound) = (slices[0], slices[1]);
            if (inbound.Origin != outbound.Destination || inbound.Destination != outbound.Origin)
            {
                validation.Invalid("/slices/1", $"A return flies back from {outbound.Destination} to {outbound.Origin}.");
            }
            if (inbound.DepartureDate < outbound.DepartureDate)
            {
                validation.Invalid("/slices/1/departure_date", "The return cannot depart before the outbound slice.");
            }
        }
        return slices;
    }

    private static string? ReadAirport(JsonNode? node, string pointer, DuffelValidation validation)
    {
        var code = JsonRead.String(node);
        if (code is null)
        {
            validation.Required(pointer);
            return null;
        }
        if (!Iata.IsValid(code))
        {
            validation.Invalid(pointer, $"'{code}' is not a valid IATA airport code (three uppercase letters).");
            return null;
        }
        return code;
    }

    /// <summary>
    /// Passengers the way Duffel takes them: each has a type (<c>adult</c>; the older <c>child</c> and
    /// <c>infant_without_seat</c> still work) or an age on the day of travel (0–130), never both. At most nine,
    /// and every infant on a lap needs an adult's lap.
    /// </summary>
    public static List<PassengerQuery> ReadSearchPassengers(JsonNode? node, DuffelValidation validation)
    {
        var passengers = new List<PassengerQuery>();
        if (node is not JsonArray { Count: > 0 } array)
        {
            validation.Required("/passengers");
            return passengers;
        }
        if (array.Count > MaxPassengers)
        {
            validation.Invalid("/passengers", $"At most {MaxPassengers} passengers can be searched for at once.");
        }
        var valid = true;
        for (var i = 0; i < array.Count; i++)
        {
            var pointer = $"/passengers/{i}";
            if (array[i] is not JsonObject passenger)
            {
                validation.Invalid(pointer, "A passenger is an object with a type or an age.");
                valid = false;
                continue;
            }
            var hasType = passenger["type"] is not null;
            var hasAge = passenger["age"] is not null;
            var type = JsonRead.String(passenger["type"]);
            var age = JsonRead.Int(passenger["age"]);
            if (hasType && hasAge)
            {
                validation.Invalid(pointer, "A passenger has a type or an age, not both.");
                valid = false;
            }
            else if (!hasType && !hasAge)
            {
                validation.Required(pointer + "/type");
                valid = false;
            }
            else if (hasType && (type is null || !PassengerTypes.Contains(type)))
            {
                validation.Invalid(pointer + "/type", "type must be one of: " + string.Join(", ", PassengerTypes) + ".");
                valid = false;
            }
            else if (hasAge && age is not (>= 0 and <= MaxAge))
            {
                validation.Invalid(pointer + "/age", $"age must be a whole number of years from 0 to {MaxAge}.");
                valid = false;
            }
            passengers.Add(new PassengerQuery(Ids.Duffel("pas"), hasType ? type : null, hasType ? null : age));
        }
        if (valid)
        {
            var infants = passengers.Count(p => p.FareType == PassengerQuery.Infant);
            var adults = passengers.Count(p => p.FareType == PassengerQuery.AdultType);
            if (infants > adults)
            {
                validation.Invalid("/passengers",
                    $"Each infant travels on an adult's lap: {infants} infants need at least {infants} adults, not {adults}.");
            }
        }
        return passengers;
    }

    public static string? ReadSelectedOffer(JsonNode? node, DuffelValidation validation)
    {
        if (node is not JsonArray { Count: > 0 } array)
        {
            validation.Required("/selected_offers");
            return null;
        }
        if (array.Count > 1)
        {
            validation.Invalid("/selected_offers", "Exactly one offer can be selected.");
            return null;
        }
        var offerId = JsonRead.String(array[0]);
        if (string.IsNullOrEmpty(offerId))
        {
            validation.Invalid("/selected_offers/0", "selected_offers holds offer ids.");
        }
        return offerId;
    }

    /// <summary>An instant order's <c>payments</c>: exactly one, read as <see cref="ReadPaymentObject"/> reads it.</summary>
    public static FareQuote? ReadPayment(JsonNode? node, DuffelValidation validation)
    {
        if (node is not JsonArray { Count: > 0 } array)
        {
            validation.Required("/payments");
            return null;
        }
        if (array.Count > 1)
        {
            validation.Invalid("/payments", "Exactly one payment is supported.");
            return null;
        }
        return ReadPaymentObject(array[0], "/payments/0", validation).Amount;
    }

    /// <summary>
    /// One payment object (Duffel's <c>CreatePayment.payment</c>, and each entry of an instant order's <c>payments</c>):
    /// <c>type</c> (balance or arc_bsp_cash), <c>amount</c> (a decimal string) and <c>currency</c>, all required.
    /// </summary>
    public static (FareQuote? Amount, string? Type) ReadPaymentObject(JsonNode? node, string pointer, DuffelValidation validation)
    {
        if (node is not JsonObject payment)
        {
            validation.Required(pointer);
            return (null, null);
        }
        var type = JsonRead.String(payment["type"]);
        if (type is null)
        {
            validation.Required(pointer + "/type");
        }
        else if (!PaymentTypes.Contains(type))
        {
            validation.Invalid(pointer + "/type", "type must be one of: " + string.Join(", ", PaymentTypes) + ".");
        }
        var amount = JsonRead.Decimal(payment["amount"]);
        if (amount is null)
        {
            validation.Required(pointer + "/amount");
        }
        var currency = JsonRead.String(payment["currency"]);
        if (currency is null)
        {
            validation.Required(pointer + "/currency");
        }
        return (amount is null || currency is null ? null : new FareQuote(amount.Value, currency), type);
    }

    public static List<OrderPassenger> ReadOrderPassengers(JsonNode? node, DuffelValidation validation)
    {
        var passengers = new List<OrderPassenger>();
        if (node is not JsonArray { Count: > 0 } array)
        {
            validation.Required("/passengers");
            return passengers;
        }
        for (var i = 0; i < array.Count; i++)
        {
            var passenger = array[i] as JsonObject;
            var pointer = $"/passengers/{i}";
            string Name(string name)
            {
                var value = Field(name);
                if (value.Length > 0 && !value.All(IsNameCharacter))
                {
                    validation.Invalid($"{pointer}/{name}",
                        $"{name} may only contain space, -, ', and letters from the ASCII, Latin-1 Supplement and Latin Extended-A Unicode charts " +
                        "(except Æ, æ, Ĳ, ĳ, Œ, œ, Þ, þ and ð).");
                }
                return value;
            }

            string Field(string name, Func<string, bool>? isValid = null, string? rule = null)
            {
                var value = JsonRead.String(passenger?[name]);
                if (string.IsNullOrWhiteSpace(value))
                {
                    validation.Required($"{pointer}/{name}");
                    return "";
                }
                if (isValid is not null && !isValid(value))
                {
                    validation.Invalid($"{pointer}/{name}", $"{name} {rule}.");
                }
                return value;
            }

            string? infantPassengerId = null;
            if (passenger?["infant_passenger_id"] is { } infantNode)
            {
                infantPassengerId = JsonRead.String(infantNode);
                if (string.IsNullOrWhiteSpace(infantPassengerId))
                {
                    validation.Invalid($"{pointer}/infant_passenger_id", "infant_passenger_id must be the id of an infant_without_seat passenger.");
                }
            }

            passengers.Add(new OrderPassenger(
                Field("id"),
                Type: null,
                Field("title", Titles.Contains, "must be one of: " + string.Join(", ", Titles)),
                Name("given_name"),
                Name("family_name"),
                Field("born_on", v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), "must be a date like 1990-01-01"),
                Field("gender", Genders.Contains, "must be m or f"),
                Field("email", v => v.Contains('@', StringComparison.Ordinal), "must be an email address"),
                Field("phone_number", IsE164, "must be in E.164 format, e.g. +442080160508"),
                infantPassengerId,
                ReadIdentityDocument(passenger?["identity_documents"], pointer + "/identity_documents", validation)));
        }
        return passengers;
    }

    /// <summary>
    /// The order must name exactly the offer's passengers, by the ids the offer gave them, and put every infant on
    /// a lap: each <c>infant_without_seat</c> passenger is the <c>infant_passenger_id</c> of exactly one adult.
    /// Fills in each passenger's type from the offer.
    /// </summary>
    public static void CheckPassengersMatch(OfferRecord offer, List<OrderPassenger> passengers, DuffelValidation validation)
    {
        var offered = offer.Passengers.ToDictionary(p => p.Id, StringComparer.Ordinal);
        for (var i = 0; i < passengers.Count; i++)
        {
            if (!offered.TryGetValue(passengers[i].Id, out var offeredPassenger))
            {
                validation.Unknown($"/passengers/{i}/id", $"'{passengers[i].Id}' is not a passenger of offer {offer.Id}.");
                continue;
            }
            passengers[i] = passengers[i] with { Type = offeredPassenger.FareType };
        }
        var missing = offered.Keys.Except(passengers.Select(p => p.Id), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            validation.Invalid("/passengers", $"Every passenger of the offer must be named; missing: {string.Join(", ", missing)}.");
        }
        if (passengers.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count() != passengers.Count)
        {
            validation.Invalid("/passengers", "A passenger is named twice.");
        }
        CheckInfantsOnLaps(offer, passengers, validation);
    }

    private static void CheckInfantsOnLaps(OfferRecord offer, List<OrderPassenger> passengers, DuffelValidation validation)
    {
        var infants = offer.Passengers.Where(p => p.FareType == PassengerQuery.Infant).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var laps = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < passengers.Count; i++)
        {
            if (passengers[i].InfantPassengerId is not { Length: > 0 } infantId)
            {
                continue;
            }
            var pointer = $"/passengers/{i}/infant_passenger_id";
            if (passengers[i].Type is not (null or PassengerQuery.AdultType))
            {
                validation.Invalid(pointer, "Only an adult can be responsible for an infant.");
            }
            else if (!infants.Contains(infantId))
            {
                validation.Invalid(pointer, $"'{infantId}' is not an infant_without_seat passenger of offer {offer.Id}.");
            }
            else if (!laps.TryAdd(infantId, passengers[i].Id))
            {
                validation.Invalid(pointer, $"Infant {infantId} is already assigned to passenger {laps[infantId]}.");
            }
        }
        var named = passengers.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var infant in infants.Where(id => named.Contains(id) && !laps.ContainsKey(id)))
        {
            validation.Invalid("/passengers", $"Infant {infant} must be assigned to an adult with infant_passenger_id.");
        }
    }

    /// <summary>
    /// <c>identity_documents</c>: absent, or a list of exactly one document (Duffel takes one per passenger) with type,
    /// unique_identifier, issuing_country_code (ISO 3166-1 alpha-2) and expires_on (a date). Whether the offer takes
    /// it is checked against the offer (<see cref="CheckDocuments"/>).
    /// </summary>
    private static LedgerIdentityDocument? ReadIdentityDocument(JsonNode? node, string pointer, DuffelValidation validation)
    {
        if (node is null)
        {
            return null;
        }
        if (node is not JsonArray array)
        {
            validation.Invalid(pointer, "identity_documents must be a list.");
            return null;
        }
        if (array.Count == 0)
        {
            return null;
        }
        if (array.Count > 1)
        {
            validation.Invalid(pointer, "You may only provide one identity document per passenger.");
            return null;
        }
        var document = array[0] as JsonObject;
        string? Field(string name)
        {
            var value = JsonRead.String(document?[name]);
            if (string.IsNullOrWhiteSpace(value))
            {
                validation.Required($"{pointer}/0/{name}");
                return null;
            }
            return value;
        }
        var type = Field("type");
        if (type is not null && !DocumentTypes.Contains(type))
        {
            validation.Invalid($"{pointer}/0/type", "type must be one of: " + string.Join(", ", DocumentTypes) + ".");
        }
        var number = Field("unique_identifier");
        var country = Field("issuing_country_code");
        if (country is not null && !(country.Length == 2 && country.All(char.IsAsciiLetterUpper)))
        {
            validation.Invalid($"{pointer}/0/issuing_country_code", "issuing_country_code must be an ISO 3166-1 alpha-2 code, e.g. GB.");
        }
        var expires = Field("expires_on");
        if (expires is not null && !DateOnly.TryParseExact(expires, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            validation.Invalid($"{pointer}/0/expires_on", "expires_on must be a date like 2030-01-01.");
        }
        return type is null || number is null || country is null || expires is null ? null : new LedgerIdentityDocument(type, number, country, expires);
    }

    /// <summary>
    /// The documents against the offer, as Duffel checks them: none may be sent when the offer allows no type; a sent
    /// document must be of an allowed type; when the offer requires documents every passenger needs one, valid until
    /// the last flight.
    /// </summary>
    public static void CheckDocuments(OfferRecord offer, JsonNode? passengersNode, List<OrderPassenger> passengers, DuffelValidation validation)
    {
        for (var i = 0; i < passengers.Count; i++)
        {
            var pointer = $"/passengers/{i}/identity_documents";
            var sent = passengersNode?[i]?["identity_documents"] is JsonArray { Count: > 0 };
            var document = passengers[i].Document;
            if (sent && offer.AllowedDocumentTypes.Count == 0)
            {
                validation.Invalid(pointer, $"Offer {offer.Id} does not accept identity documents (allowed_passenger_identity_document_types is empty); do not send any.");
            }
            else if (document is not null && !offer.AllowedDocumentTypes.Contains(document.Type))
            {
                validation.Invalid(pointer + "/0/type",
                    $"'{document.Type}' is not an allowed identity document type for this offer; allowed: {string.Join(", ", offer.AllowedDocumentTypes)}.");
            }
            else if (offer.DocumentsRequired && !sent)
            {
                validation.Required(pointer);
            }
            else if (document is not null && DateOnly.TryParseExact(document.ExpiresOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiresOn)
                && expiresOn < offer.LastFlightOn)
            {
                validation.Invalid(pointer + "/0/expires_on", "The identity document expires before the last flight of the journey.");
            }
        }
    }

    /// <summary>Duffel's name characters: space, -, ', ASCII, Latin-1 Supplement and Latin Extended-A letters, less a few.</summary>
    private static bool IsNameCharacter(char c) =>
        char.IsAsciiLetter(c) || c is ' ' or '-' or '\''
        || (c is >= '\u00C0' and <= '\u017F' && c is not ('\u00D7' or '\u00F7' or '\u00C6' or '\u00E6' or '\u0132' or '\u0133'
            or '\u0152' or '\u0153' or '\u00DE' or '\u00FE' or '\u00F0'));

    private static bool IsE164(string phone) =>
        phone.Length is >= 8 and <= 16 && phone[0] == '+' && phone.Skip(1).All(char.IsAsciiDigit);
}
