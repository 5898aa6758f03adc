using System.Security.Cryptography;
using System.Text;
using ForumServer.Core.Accounts;
using Microsoft.AspNetCore.WebUtilities;

namespace ForumServer.Accounts;

/// <summary>The one-time token that lets the operator create the first administrator. Only its hash is stored.</summary>
public sealed class SetupTokens(ISettingsStore settings)
{
    private const string Key = "setup-token-sha256";

    public async Task<string> IssueAsync()
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await settings.SetAsync(Key, Hash(token));
        return token;
    }

    public async Task<bool> IsValidAsync(string? token)
    {
        var stored = await settings.GetAsync(Key);
        if (stored is null || string.IsNullOrEmpty(token)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(Hash(token)));
    }

    public Task ConsumeAsync() => settings.SetAsync(Key, null);

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
