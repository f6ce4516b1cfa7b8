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

    /// <summary>
    /// How long a purchase whose card needs authentication (3-D Secure) waits for the traveller to confirm it
    /// on-session before the PaymentIntent is cancelled and the attempt fails. 0: fail at once.
    /// </summary>
    [Range(0, 86400)]
    public int AuthenticationTimeoutSeconds { get; set; } = 1800;

    /// <summary>
    /// The frontend page where the traveller confirms a payment on-session, linked from the email;
    /// <c>{tripId}</c> becomes the trip's id.
    /// </summary>
    [Required, RegularExpression(@"^https?://[^\s]*\{tripId\}[^\s]*$", ErrorMessage = "PaymentConfirmUrl must be an http(s) URL containing {{tripId}}.")]
    public string PaymentConfirmUrl { get; set; } = "";

    /// <summary>The confirm page of one trip.</summary>
    public Uri PaymentConfirmUriFor(Guid tripId) =>
        new(PaymentConfirmUrl.Replace("{tripId}", tripId.ToString(), StringComparison.Ordinal));

    public IReadOnlyList<int> ReconcileDelays() =>
        ReconcileScheduleSeconds.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
