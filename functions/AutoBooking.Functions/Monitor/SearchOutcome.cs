
namespace AutoBooking.Functions.Monitor;

/// <summary>What one search-requests message led to.</summary>
public enum SearchOutcome
{
    /// <summary>The trip is not watching any more, or the pipeline is off.</summary>
    Skipped,

    /// <summary>Offers stored, none qualified; the next check is scheduled.</summary>
    NoQualifyingOffer,

    /// <summary>An offer qualified and a booking request was enqueued.</summary>
    BookingRequested,

    /// <summary>
    /// The message's claim is no longer the trip's: a newer claim, a check already running, or a criteria change
    /// took over. Nothing was searched or recorded for it.
    /// </summary>
    Superseded,

    /// <summary>
    /// The shared provider search budget (ours or Duffel's) is spent: nothing was searched; the trips are due again
    /// when the budget has room.
    /// </summary>
    Deferred,
}
