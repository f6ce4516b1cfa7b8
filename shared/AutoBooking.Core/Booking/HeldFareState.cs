namespace AutoBooking.Core.Booking;

/// <summary>Where an attempt's held fare (a Duffel hold order) stands at the provider.</summary>
public enum HeldFareState
{
    /// <summary>Unpaid and still holding the seats: nothing charged, no tickets.</summary>
    Held,

    /// <summary>Paid: tickets issued.</summary>
    Paid,

    /// <summary>Cancelled, expired (past its payment deadline) or unknown to the provider: the seats are gone, nothing was paid.</summary>
    Gone,
}
