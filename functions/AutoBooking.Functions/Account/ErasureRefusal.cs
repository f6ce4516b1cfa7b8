namespace AutoBooking.Functions.Account;

/// <summary>Why an erasure did not complete yet; each is answered with a problem and Retry-After.</summary>
public enum ErasureRefusal
{
    None,

    /// <summary>A booking of the user is in flight (money may be held): nothing was erased.</summary>
    BookingInFlight,

    /// <summary>Stripe could not be reached to detach a card: the PII is not erased yet, a retry finishes the job.</summary>
    ProviderUnavailable,
}
