namespace AutoBooking.Functions.Pipeline;

/// <summary>How an erasure request ended: erased (<see cref="Summary"/>), or refused for now (<see cref="Refusal"/>).</summary>
public sealed record ErasureResult(ErasureSummary? Summary, ErasureRefusal Refusal)
{
    public static ErasureResult BookingInFlight { get; } = new(null, ErasureRefusal.BookingInFlight);

    public static ErasureResult ProviderUnavailable { get; } = new(null, ErasureRefusal.ProviderUnavailable);
}
