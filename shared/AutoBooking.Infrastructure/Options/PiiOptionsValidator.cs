using Microsoft.Extensions.Options;

namespace AutoBooking.Infrastructure.Options;

/// <summary>The active key must be in the ring, and every key must be a base64 AES-256 key.</summary>
public sealed class PiiOptionsValidator : IValidateOptions<PiiOptions>
{
    public ValidateOptionsResult Validate(string? name, PiiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Keys.ContainsKey(options.ActiveKeyVersion))
        {
            return ValidateOptionsResult.Fail($"Pii:Keys has no key for the active version '{options.ActiveKeyVersion}'.");
        }
        Span<byte> buffer = stackalloc byte[64];
        foreach (var (version, key) in options.Keys)
        {
            if (!Convert.TryFromBase64String(key, buffer, out var length) || length != 32)
            {
                return ValidateOptionsResult.Fail($"Pii:Keys:{version} must be 32 bytes, base64-encoded.");
            }
        }
        return ValidateOptionsResult.Success;
    }
}
