using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

public sealed class BookingOptions
{
    public const string SectionName = "Booking";

    /// <summary>An offer expiring sooner than this is not bought: the saga needs time to finish.</summary>
    [Range(1, 120)]
    public int OfferExpiryBufferMinutes { get; set; } = 5;

    /// <summary>
    /// When an order creation's outcome is unknown (timeout, 5xx, lost response), the saga looks the order up
    /// after each of these waits (seconds, comma-separated) before handing the attempt to an operator.
    /// </summary>
    [Required, RegularExpression(@"^\d{1,4}(,\d{1,4}){0,9}$")]
    public string ReconcileScheduleSeconds { get; set; } = "10,60,240";

    /// <summary>How long a purchase waits for the traveller's approval (approval mode) before the trip watches again.</summary>
    [Range(2, 86400)]
    public int ApprovalTimeoutSeconds { get; set; } = 3600;

    public IReadOnlyList<int> ReconcileDelays() =>
        ReconcileScheduleSeconds.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
