namespace AutoBooking.Functions.Account;

/// <summary>How an erasure request ended: erased (<see cref="Summary"/>), or refused for now (<see cref="Refusal"/>).</summary>
public sealed record ErasureOutcome(ErasureSummary? Summary, ErasureRefusal Refusal)
{
    public static ErasureOutcome BookingInFlight { get; } = new(null, ErasureRefusal.BookingInFlight);

    public static ErasureOutcome ProviderUnavailable { get; } = new(null, ErasureRefusal.ProviderUnavailable);
}
