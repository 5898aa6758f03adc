using ForumServer.Core.Common;
using Microsoft.AspNetCore.WebUtilities;

namespace ForumServer.Accounts;

/// <summary>The links account emails carry. Tokens are Base64Url-encoded so they survive mail clients.</summary>
public static class AccountLinks
{
    public static string ConfirmEmail(SiteOptions site, string userId, string token) =>
        site.Link($"/account/confirm-email?userId={Uri.EscapeDataString(userId)}&code={Encode(token)}");

    public static string ResetPassword(SiteOptions site, string userId, string token) =>
        site.Link($"/account/reset-password?userId={Uri.EscapeDataString(userId)}&code={Encode(token)}");

    public static string ConfirmEmailChange(SiteOptions site, string userId, string email, string token) =>
        site.Link($"/account/confirm-email-change?userId={Uri.EscapeDataString(userId)}&email={Uri.EscapeDataString(email)}&code={Encode(token)}");

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        try { return System.Text.Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }
}
