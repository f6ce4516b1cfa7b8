using System.ComponentModel.DataAnnotations;

namespace AutoBooking.Infrastructure.Options;

/// <summary>The key ring that protects traveler PII at rest. Keys are base64 AES-256 keys by version.</summary>
public sealed class PiiOptions
{
    public const string SectionName = "Pii";

    [Required]
    public string ActiveKeyVersion { get; set; } = "";

    /// <summary>Every key still needed to read old data, by version (e.g. <c>Pii:Keys:v1</c>).</summary>
    [Required]
    public Dictionary<string, string> Keys { get; set; } = [];
}
