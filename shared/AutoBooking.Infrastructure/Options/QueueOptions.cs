using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

public sealed class QueueOptions
{
    public const string SectionName = "Queues";

    /// <summary>
    /// Storage connection for the stage queues; the queue triggers use AzureWebJobsStorage, keep them the same
    /// account. A connection string, or in Azure the queue service URI (<c>https://acct.queue.core.windows.net/</c>),
    /// reached with the app's managed identity.
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>Queue names. The trigger attributes use the defaults; override only in tests.</summary>
    [Required]
    public string SearchRequests { get; set; } = QueueNames.SearchRequests;

    [Required]
    public string BookingRequests { get; set; } = QueueNames.BookingRequests;
}
