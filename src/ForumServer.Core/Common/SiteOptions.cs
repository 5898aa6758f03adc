using System.ComponentModel.DataAnnotations;

namespace ForumServer.Core.Common;

/// <summary>The <c>Forum</c> section of configuration.</summary>
public sealed class SiteOptions
{
    public const string Section = "Forum";

    [Required, StringLength(80, MinimumLength = 1)]
    public string SiteName { get; set; } = "ForumServer";

    /// <summary>Public address of the site, used in every link that goes out by email.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "http://localhost:5000";

    [Required, EmailAddress]
    public string ContactAddress { get; set; } = "forum@localhost";

    /// <summary>Sender of account mail (confirmations, resets).</summary>
    [Required, EmailAddress]
    public string NoReplyAddress { get; set; } = "noreply@localhost";

    [Required, RegularExpression("^[A-Za-z0-9_-]+$")]
    public string Theme { get; set; } = "default";

    public string Link(string pathAndQuery) => BaseUrl.TrimEnd('/') + "/" + pathAndQuery.TrimStart('/');
}
