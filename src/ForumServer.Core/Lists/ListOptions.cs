using System.ComponentModel.DataAnnotations;

namespace ForumServer.Core.Lists;

/// <summary>The <c>Lists</c> section of configuration.</summary>
public sealed class ListOptions
{
    public const string Section = "Lists";

    /// <summary>How long a confirmation link works.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Signing up again while pending re-sends the confirmation at most this often per address.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ResendConfirmationAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Domain of list addresses (announce@DOMAIN); empty means the host of Forum:BaseUrl.</summary>
    public string MailDomain { get; set; } = "";

    /// <summary>How many recipients of an issue are queued per transaction.</summary>
    [Range(10, 100_000)]
    public int EnqueueBatchSize { get; set; } = 1000;
}
