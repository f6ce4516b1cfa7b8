using System.Text;

namespace AutoBooking.Sandbox.Hosting;

/// <summary>FNV-1a over UTF-8: the same input gives the same number in every process, unlike string.GetHashCode.</summary>
internal static class StableHash
{
    public static uint Of(string value)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }
        return hash;
    }
}
