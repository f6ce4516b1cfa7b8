using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AutoBooking.Infrastructure.Options;
using Microsoft.Extensions.Options;

namespace AutoBooking.Infrastructure.Security;

/// <summary>
/// Encrypts PII for storage with AES-256-GCM. The output names its key version
/// (<c>v1.nonce.ciphertext.tag</c>, base64url parts) so keys can rotate: new data uses the active key,
/// old data stays readable while its key is in the ring.
/// </summary>
public sealed class PiiProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly string activeVersion;
    private readonly Dictionary<string, byte[]> keys;

    public PiiProtector(IOptions<PiiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        activeVersion = options.Value.ActiveKeyVersion;
        keys = options.Value.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
    }

    public string Protect<T>(T value)
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(value);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagSize];
        using (var aes = new AesGcm(keys[activeVersion], TagSize))
        {
            // The version is authenticated too, so a ciphertext cannot be replayed under another key label.
            aes.Encrypt(nonce, plaintext, ciphertext, tag, Encoding.ASCII.GetBytes(activeVersion));
        }
        return string.Join('.', activeVersion, B64(nonce), B64(ciphertext), B64(tag));
    }

    public T Unprotect<T>(string protectedValue)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        var parts = protectedValue.Split('.');
        if (parts.Length != 4 || !keys.TryGetValue(parts[0], out var key))
        {
            throw new CryptographicException("Protected value has an unknown format or key version.");
        }
        var nonce = FromB64(parts[1]);
        var ciphertext = FromB64(parts[2]);
        var tag = FromB64(parts[3]);
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, Encoding.ASCII.GetBytes(parts[0]));
        }
        return JsonSerializer.Deserialize<T>(plaintext)
            ?? throw new CryptographicException("Protected value decrypted to nothing.");
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromB64(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.FromBase64String(padded);
    }
}
