using System.Security.Cryptography;

namespace AutoBooking.Sandbox.Hosting;

/// <summary>Identifiers shaped like each provider's, so clients that check prefixes or lengths are satisfied.</summary>
internal static class Ids
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string UpperAlphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Digits = "0123456789";

    /// <summary>Duffel: <c>off_0000AEdGRhtp5AUUdJqMxo</c> (prefix, "0000A", 17 characters).</summary>
    public static string Duffel(string prefix) => prefix + "_0000A" + Random(Alphanumeric, 17);

    /// <summary>Stripe: <c>pi_3MtwBwLkdIwHu7ix28a3tqPa</c> (prefix, 24 characters; customers have 14).</summary>
    public static string Stripe(string prefix, int length = 24) => prefix + "_" + Random(Alphanumeric, length);

    public static string DuffelRequestId() => Random(Alphanumeric, 20);

    public static string StripeRequestId() => "req_" + Random(Alphanumeric, 14);

    public static string BookingReference() => Random(UpperAlphanumeric, 6);

    /// <summary>An e-ticket number: the airline's three-digit ticketing code, a dash, ten digits.</summary>
    public static string TicketNumber(string airlineCode) => airlineCode + "-" + Random(Digits, 10);

    public static string Secret() => Random(Alphanumeric, 25);

    private static string Random(string alphabet, int length) => RandomNumberGenerator.GetString(alphabet, length);
}
