using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AutoBooking.IntegrationTests.Support;

/// <summary>Tokens of the test issuer carrying roles (the operators' API needs <c>autobooking.operator</c>).</summary>
public static class OperatorTokens
{
    public const string OperatorRole = "autobooking.operator";

    public static string For(string userId, params string[] roles)
    {
        var claims = new List<Claim> { new("sub", userId) };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TestTokens.Issuer,
            Audience = TestTokens.Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(TestTokens.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>An operator's token (sub <paramref name="userId"/>, role <see cref="OperatorRole"/>).</summary>
    public static string Operator(string userId = "ops-1") => For(userId, OperatorRole);
}
