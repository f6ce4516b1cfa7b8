using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

/// <summary>The daily retention job (section <c>Retention</c>): when it runs and how long data is kept.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>NCRONTAB of the retention timer, read by the trigger as %Retention:Schedule%; daily at 03:30 UTC by default.</summary>
    [Required]
    public string Schedule { get; set; } = "0 30 3 * * *";

    /// <summary>A finished trip's traveler PII is anonymised this many days after its last possible flight day.</summary>
    [Range(1, 3650)]
    public int TravelerPiiDays { get; set; } = 90;

    /// <summary>Offers expired this many days ago are deleted (never one a booking attempt used: that is a financial record).</summary>
    [Range(1, 3650)]
    public int ExpiredOfferDays { get; set; } = 30;

    /// <summary>
    /// Raw provider payloads of offers last seen this many hours ago are dropped (support reads them; the pipeline never
    /// does). One week by default: long enough for a question about a booking, short enough to keep offers small.
    /// </summary>
    [Range(1, 87_600)]
    public int RawPayloadHours { get; set; } = 168;

    /// <summary>
    /// The monitor's check events (<c>search_completed</c>, written when a check's verdict changes) older than this many
    /// days are deleted, except those of a trip that made a booking attempt.
    /// </summary>
    [Range(1, 3650)]
    public int MonitorEventDays { get; set; } = 90;

    /// <summary>Rows one statement changes; each batch is its own short transaction.</summary>
    [Range(1, 10000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How long one run keeps going (inside the Functions timeout); the rest waits for the next day.</summary>
    [Range(1, 600)]
    public int BudgetSeconds { get; set; } = 240;
}
