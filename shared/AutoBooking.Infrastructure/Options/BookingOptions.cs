using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

public sealed class BookingOptions
{
    public const string SectionName = "Booking";

    /// <summary>An offer expiring sooner than this is not bought: the saga needs time to finish.</summary>
    [Range(1, 120)]
    public int OfferExpiryBufferMinutes { get; set; } = 5;
}
