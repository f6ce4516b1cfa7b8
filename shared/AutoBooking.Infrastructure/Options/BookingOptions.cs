using System.ComponentModel.DataAnnotations;
using AutoBooking.Core.Booking;

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
    [Required, RegularExpression(@"\A\d{1,4}(,\d{1,4}){0,9}\z")]
    public string OrderLookUpScheduleSeconds { get; set; } = "10,60,240";

    /// <summary>
    /// The former name of <see cref="OrderLookUpScheduleSeconds"/>. When set it wins, so settings written before the
    /// rename keep their meaning.
    /// </summary>
    [RegularExpression(@"\A\d{1,4}(,\d{1,4}){0,9}\z")]
    public string? ReconcileScheduleSeconds { get; set; }

    /// <summary>How long a purchase waits for the traveler's approval (approval mode) before the trip watches again.</summary>
    [Range(2, 86400)]
    public int ApprovalTimeoutSeconds { get; set; } = 3600;

    /// <summary>
    /// How long a purchase whose card needs authentication (3-D Secure) waits for the traveler to confirm it
    /// on-session before the PaymentIntent is cancelled and the attempt fails. 0: fail at once.
    /// </summary>
    [Range(0, 86400)]
    public int AuthenticationTimeoutSeconds { get; set; } = 1800;

    /// <summary>
    /// The frontend page where the traveler confirms a payment on-session, linked from the email;
    /// <c>{tripId}</c> becomes the trip's id.
    /// </summary>
    [Required, RegularExpression(@"^https?://[^\s]*\{tripId\}[^\s]*$", ErrorMessage = "PaymentConfirmUrl must be an http(s) URL containing {{tripId}}.")]
    public string PaymentConfirmUrl { get; set; } = "";

    /// <summary>Runs of a saga step that fails transiently (1 = no retry). Permanent failures are never retried.</summary>
    [Range(1, 10)]
    public int StepMaxAttempts { get; set; } = Core.Booking.StepRetry.Default.MaxAttempts;

    /// <summary>Wait before a step's first retry; each later wait doubles, up to <see cref="StepMaxRetryIntervalSeconds"/>.</summary>
    [Range(10, 60_000)]
    public int StepFirstRetryMilliseconds { get; set; } = Core.Booking.StepRetry.Default.FirstIntervalMilliseconds;

    [Range(1, 300)]
    public int StepMaxRetryIntervalSeconds { get; set; } = Core.Booking.StepRetry.Default.MaxIntervalSeconds;

    /// <summary>No retry of a step starts after this long (its runs themselves are bounded by the provider timeouts).</summary>
    [Range(1, 3600)]
    public int StepRetryTimeoutSeconds { get; set; } = Core.Booking.StepRetry.Default.TimeoutSeconds;

    /// <summary>
    /// When even ending or flagging an attempt fails (Postgres unreachable), the saga tries again after each of these
    /// waits (seconds, comma-separated) before it logs a critical alert and leaves the attempt to the reconciler.
    /// </summary>
    [Required, RegularExpression(@"\A\d{1,5}(,\d{1,5}){0,19}\z")]
    public string SettleRetryScheduleSeconds { get; set; } = string.Join(',', Core.Booking.StepRetry.Default.SettleIntervalsSeconds);

    /// <summary>The step retry numbers the saga is started with.</summary>
    public StepRetry StepRetries() => new(StepMaxAttempts, StepFirstRetryMilliseconds, StepMaxRetryIntervalSeconds, StepRetryTimeoutSeconds,
        SettleRetryScheduleSeconds.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList());

    /// <summary>The confirm page of one trip.</summary>
    public Uri PaymentConfirmUriFor(Guid tripId) =>
        new(PaymentConfirmUrl.Replace("{tripId}", tripId.ToString(), StringComparison.Ordinal));

    /// <summary>The saga's order look-up waits: <see cref="OrderLookUpScheduleSeconds"/>, or its former name when set.</summary>
    public IReadOnlyList<int> OrderLookUpDelays() =>
        (ReconcileScheduleSeconds ?? OrderLookUpScheduleSeconds).Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
