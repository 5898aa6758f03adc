using System.Net;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Hardening;

/// <summary>
/// Gaps left by the account tests: the sign-in limit is per client address (and not reset by a forged
/// X-Forwarded-For), and a locked account answers exactly like an address that has no account.
/// </summary>
public sealed class BruteForceTests : IDisposable
{
    private readonly KestrelForumApp _app = new(new() { ["RateLimits:AccountPostsPerMinute"] = "4" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Sign_in_limit_is_per_client_address_and_a_forged_forwarded_header_does_not_reset_it()
    {
        using var attacker = BrowserFrom("127.0.0.2");
        using var neighbour = BrowserFrom("127.0.0.3");
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await attacker.SignInAsync($"victim{i}@example.org", "guess guess")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.SignInAsync("victim@example.org", "guess guess")).Status);

        attacker.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.SignInAsync("victim@example.org", "guess guess")).Status);

        // Another client is not affected by the attacker's limit.
        Assert.Equal(HttpStatusCode.BadRequest, (await neighbour.SignInAsync("someone@example.org", "wrong password")).Status);
    }

    [Fact]
    public async Task A_locked_account_answers_like_an_unknown_address()
    {
        using (var dave = await _app.NewMemberAsync("Dave", "dave@example.org")) { }
        using var first = BrowserFrom("127.0.0.4");
        using var second = BrowserFrom("127.0.0.5");
        for (var i = 0; i < 3; i++)
        {
            await first.SignInAsync("dave@example.org", $"guess {i} guess");
            await second.SignInAsync("ghost@example.org", $"guess {i} guess");
        }
        using var third = BrowserFrom("127.0.0.6");
        using var fourth = BrowserFrom("127.0.0.7");
        for (var i = 3; i < 5; i++)
        {
            await third.SignInAsync("dave@example.org", $"guess {i} guess");
            await fourth.SignInAsync("ghost@example.org", $"guess {i} guess");
        }
        var locked = await third.SignInAsync("dave@example.org"); // the right password, but locked now
        var unknown = await fourth.SignInAsync("ghost@example.org");
        Assert.Equal(HttpStatusCode.BadRequest, locked.Status);
        Assert.Equal(locked.Status, unknown.Status);
        Assert.Equal(locked.Text(".errors"), unknown.Text(".errors"));
    }

    private TestBrowser BrowserFrom(string localAddress) => _app.NewBrowserFrom(localAddress);
}
