using System.Net;
using AutoBooking.Sandbox.Tests.Support;

namespace AutoBooking.Sandbox.Tests;

/// <summary>An authorization code lives five minutes on the sandbox's clock.</summary>
public sealed class IdentityCodeExpiryTests : SandboxTest
{
    private readonly ManualClock clock = new();

    protected override TimeProvider Time => clock;

    [Theory]
    [InlineData(4, HttpStatusCode.OK)]
    [InlineData(5, HttpStatusCode.BadRequest)]
    public async Task Token_CodeRedeemedAfterMinutes_AcceptedOnlyWithinFive(int minutes, HttpStatusCode expected)
    {
        using var oidc = new OidcClient(Sandbox);
        var (verifier, challenge) = OidcClient.NewPkce();
        var code = await oidc.SignInAsync(challenge, ("user", "sandbox-ada"));

        clock.Advance(TimeSpan.FromMinutes(minutes));
        using var response = await oidc.RedeemAsync(code, verifier);

        Assert.Equal(expected, response.StatusCode);
    }
}
