using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace AutoBooking.Sandbox.Identity;

/// <summary>Proof Key for Code Exchange (RFC 7636), S256 only.</summary>
internal static class Pkce
{
    public static bool IsBase64UrlCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    /// <summary>Whether <paramref name="verifier"/> (43–128 unreserved characters) hashes to <paramref name="challenge"/>.</summary>
    public static bool Verifies(string? verifier, string challenge)
    {
        if (verifier is null || verifier.Length is < 43 or > 128 || !verifier.All(c => IsBase64UrlCharacter(c) || c is '.' or '~'))
        {
            return false;
        }
        var computed = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }
}
