namespace AutoBooking.Sandbox;

/// <summary>How the next Duffel order creation goes wrong; see <see cref="Faults.FailNextOrderCreation"/>.</summary>
public enum DuffelFault
{
    /// <summary>422 <c>offer_no_longer_available</c>; no order is created.</summary>
    OfferNoLongerAvailable,

    /// <summary>500 <c>api_error</c>; no order is created.</summary>
    ServerError,

    /// <summary>No answer until the client gives up (or 100 s pass); no order is created.</summary>
    Timeout,

    /// <summary>The order IS created and recorded, then the connection is dropped: the caller cannot tell.</summary>
    LostResponse,
}
