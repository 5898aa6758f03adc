using System.ComponentModel.DataAnnotations;

namespace ForumServer.Core.Mail;

/// <summary>The <c>MailLimits</c> section: how much mail anyone can make the forum send to one address.</summary>
public sealed class MailLimitOptions
{
    public const string Section = "MailLimits";

    /// <summary>Mails sent because someone filled in a form (confirmations, resets, ...) per recipient per hour.</summary>
    [Range(1, 1000)]
    public int PerRecipientPerHour { get; set; } = 3;
}

/// <summary>
/// Counts on-demand mail per recipient over a sliding hour, whichever form caused it (register, password reset,
/// email change, deletion request, list subscription), so nobody can flood someone's inbox through the forum.
/// Addresses are compared without case and without a +tag in the local part. Kept in this process's memory.
/// </summary>
public sealed class RecipientMailLimiter(MailLimitOptions options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _sent = new(StringComparer.Ordinal);

    /// <summary>Takes one send for <paramref name="address"/>; false when it has had its share this hour.</summary>
    public bool TryTake(string address)
    {
        var key = Normalize(address);
        var now = time.GetUtcNow();
        lock (_sent)
        {
            if (_sent.Count > 10_000) Prune(now);
            if (!_sent.TryGetValue(key, out var times)) _sent[key] = times = new Queue<DateTimeOffset>();
            while (times.Count > 0 && times.Peek() <= now - Window) times.Dequeue();
            if (times.Count >= options.PerRecipientPerHour) return false;
            times.Enqueue(now);
            return true;
        }
    }

    /// <summary>Lower case, and <c>local+tag@domain</c> as <c>local@domain</c>; dots are left alone.</summary>
    public static string Normalize(string address)
    {
        var lower = address.Trim().ToLowerInvariant();
        var at = lower.LastIndexOf('@');
        if (at <= 0) return lower;
        var plus = lower.IndexOf('+');
        return plus >= 0 && plus < at ? lower[..plus] + lower[at..] : lower;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, times) in _sent.ToList())
            if (times.Count == 0 || times.Last() <= now - Window) _sent.Remove(key);
    }
}
