namespace AutoBooking.Sandbox;

/// <summary>A Duffel order the sandbox created: a ticket was bought, whether or not the caller heard about it.</summary>
public sealed record LedgerOrder(
    string Id,
    string OfferId,
    string OfferRequestId,
    string BookingReference,
    decimal TotalAmount,
    string Currency,
    string Owner,
    IReadOnlyList<LedgerPassenger> Passengers,
    IReadOnlyList<string> TicketNumbers,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset CreatedAt)
{
    public int PassengerCount => Passengers.Count;
}
