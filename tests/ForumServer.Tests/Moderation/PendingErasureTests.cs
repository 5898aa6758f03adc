using System.Net;
using ForumServer.Core.Accounts;
using ForumServer.Core.Moderation;
using ForumServer.Moderation;
using ForumServer.Tests.Community;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Moderation;

/// <summary>An account removal stopped half-way (a crash, a failing store) is finished at the next start.</summary>
public sealed class PendingErasureTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("forumserver-erasure-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_removal_interrupted_after_it_started_refuses_sign_in_and_is_finished_at_the_next_start()
    {
        string aliceId, topicUrl;
        using (var app = new ForumApp(dataFolder: _folder))
        {
            using var alice = await app.NewMemberAsync("Alice", "alice@example.org");
            (topicUrl, _) = await alice.TopicAsync("Goodbye", "alice text");
            aliceId = await app.MemberIdAsync("alice@example.org");

            // What the eraser stores first; the process then stops before the other steps.
            await app.Service<IMemberStore>().MarkErasureAsync(aliceId, new PendingErasure { DeleteContent = true, ActorId = aliceId, At = DateTimeOffset.UtcNow });

            using var again = app.NewBrowser();
            Assert.NotEqual(HttpStatusCode.Redirect, (await again.SignInAsync("alice@example.org")).Status);
        }

        using (var restarted = new ForumApp(dataFolder: _folder))
        {
            await restarted.Service<PendingErasureWorker>().Done.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Null(await restarted.Service<IMemberStore>().GetAsync(aliceId));
            using var reader = restarted.NewBrowser();
            Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(topicUrl)).Status);
        }
    }
}
