namespace AutoBooking.Sandbox;

/// <summary>How the next Stripe call of an operation goes wrong; see <see cref="Faults.FailNext(StripeOperation, int, StripeFault)"/>.</summary>
public enum StripeFault
{
    /// <summary>500 <c>api_error</c>; nothing happens and nothing is saved under the idempotency key.</summary>
    ServerError,

    /// <summary>No answer until the client gives up (its timeout) or 100 s pass; nothing happens.</summary>
    Timeout,

    /// <summary>
    /// The call IS carried out (and its reply saved under the idempotency key, so a retry with the key gets it), then the
    /// connection is dropped: the caller cannot tell.
    /// </summary>
    LostResponse,
}
