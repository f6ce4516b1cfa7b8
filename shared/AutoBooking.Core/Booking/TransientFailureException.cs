namespace AutoBooking.Core.Booking;

/// <summary>
/// A saga step failed in a way that another try may fix (a provider 5xx or timeout, a Postgres connection blip)
/// and that nothing below the saga retries already. Activities throw it (wrapping the original failure) so that
/// the orchestration's retry policy can tell it apart from permanent failures, which are never retried.
/// </summary>
public sealed class TransientFailureException : Exception
{
    public TransientFailureException()
    {
    }

    public TransientFailureException(string message)
        : base(message)
    {
    }

    public TransientFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
