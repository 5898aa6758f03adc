using System.Net;
using ForumServer.Core.Accounts;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Accounts;

/// <summary>Registrations racing for one email address (hardening: two accounts for one email).</summary>
public sealed class ParallelRegistrationTests : IDisposable
{
    private readonly ForumApp _app = new(new() { ["RateLimits:AccountPostsPerMinute"] = "1000" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Ten_parallel_registrations_with_one_email_make_one_account_and_answer_alike()
    {
        var browsers = Enumerable.Range(0, 10).Select(_ => _app.NewBrowser()).ToList();
        try
        {
            var forms = await Task.WhenAll(browsers.Select(b => b.GetAsync("/account/register")));
            var pages = await Task.WhenAll(browsers.Select((b, i) => Task.Run(() => b.SubmitAsync(forms[i], "main form", new()
            {
                ["Input.DisplayName"] = $"Racer{i}", ["Input.Email"] = "race@example.org", ["Input.Password"] = Flows.Password,
            }))));

            Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.Status));
            Assert.Single(pages.Select(p => p.Text("main .notice")).Distinct());
            Assert.Equal(1, await _app.Service<IMemberStore>().CountAsync());
            await _app.Mailbox.WaitForAsync("race@example.org", "Confirm your email");
        }
        finally
        {
            foreach (var b in browsers) b.Dispose();
        }
    }
}
