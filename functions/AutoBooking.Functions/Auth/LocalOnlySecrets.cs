using AutoBooking.Infrastructure.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AutoBooking.Functions.Auth;

/// <summary>
/// The keys in <c>local.settings.sample.json</c> are public (they are in the repository): fine for <c>func start</c>
/// against the sandbox, a breach anywhere else (anyone could sign tokens, forge webhooks, read the PII ciphertext).
/// Startup fails when one of them is configured outside Development. Development is the host's environment
/// (<c>DOTNET_ENVIRONMENT</c>) or the Functions host's <c>AZURE_FUNCTIONS_ENVIRONMENT</c>, which Core Tools sets to
/// Development for <c>func start</c>.
/// </summary>
public sealed class LocalOnlySecrets(IHostEnvironment environment, IConfiguration configuration)
    : IValidateOptions<AuthOptions>, IValidateOptions<PiiOptions>, IValidateOptions<StripeOptions>, IValidateOptions<DuffelOptions>, IValidateOptions<ResendOptions>
{
    /// <summary>Every secret value local.settings.sample.json ships or shipped (keep in step with it).</summary>
    public static readonly IReadOnlySet<string> SampleValues = new HashSet<string>(StringComparer.Ordinal)
    {
        // Auth__SigningKey: no longer in the sample (local sign-in uses the sandbox identity provider), still refused
        // outside Development since older copies of local.settings.json hold it.
        "3DbxrTCrDenfgdu34osfbFsjfJ93WTSO+klz6T3J2nw=",
        "ULIjuVQkGhq8t5p1LsEmto25ZnJmfX1TaGBNlBxREqw=", // Pii__Keys__v1
        "whsec_local_sandbox", // Stripe__WebhookSecret
        "sk_test_local_sandbox", // Stripe__SecretKey
        "duffel_webhook_local_sandbox", // Duffel__WebhookSecret
        "duffel_test_local_sandbox", // Duffel__AccessToken
        "re_test_local_sandbox", // Resend__ApiKey
    };

    private bool IsDevelopment =>
        environment.IsDevelopment()
        || string.Equals(configuration["AZURE_FUNCTIONS_ENVIRONMENT"], Environments.Development, StringComparison.OrdinalIgnoreCase);

    public ValidateOptionsResult Validate(string? name, AuthOptions options) => Check("Auth:SigningKey", options?.SigningKey);

    public ValidateOptionsResult Validate(string? name, PiiOptions options) =>
        Check("Pii:Keys", options?.Keys.Values.FirstOrDefault(SampleValues.Contains));

    public ValidateOptionsResult Validate(string? name, StripeOptions options) =>
        Check("Stripe:WebhookSecret", options?.WebhookSecret) is { Failed: true } failed ? failed : Check("Stripe:SecretKey", options?.SecretKey);

    public ValidateOptionsResult Validate(string? name, DuffelOptions options) =>
        Check("Duffel:WebhookSecret", options?.WebhookSecret) is { Failed: true } failed ? failed : Check("Duffel:AccessToken", options?.AccessToken);

    public ValidateOptionsResult Validate(string? name, ResendOptions options) => Check("Resend:ApiKey", options?.ApiKey);

    private ValidateOptionsResult Check(string setting, string? value) =>
        value is not null && SampleValues.Contains(value) && !IsDevelopment
            ? ValidateOptionsResult.Fail($"{setting} is the local-only sample value from local.settings.sample.json; "
                + "outside Development configure a real secret (Key Vault).")
            : ValidateOptionsResult.Success;
}
