using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Auth;

/// <summary>Tokens must be checkable: an OIDC metadata address or a development signing key, never both.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.MetadataAddress) && string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return ValidateOptionsResult.Fail("Auth needs Auth:MetadataAddress (OIDC) or Auth:SigningKey (development).");
        }
        if (!string.IsNullOrWhiteSpace(options.MetadataAddress) && !string.IsNullOrWhiteSpace(options.SigningKey))
        {
            // Next to a real identity provider, a shared development key would be a second, weaker way in.
            return ValidateOptionsResult.Fail("Auth:SigningKey (development) must not be set next to Auth:MetadataAddress (identity provider).");
        }
        if (options.MetadataAddress is { } address && !options.AllowHttpMetadata
            && !address.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail("Auth:MetadataAddress must be https.");
        }
        return ValidateOptionsResult.Success;
    }
}
