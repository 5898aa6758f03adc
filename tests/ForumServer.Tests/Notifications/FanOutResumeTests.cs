using ForumServer.Core.Notifications;
using ForumServer.Storage.LiteDb;
using ForumServer.Tests.Infrastructure;

namespace ForumServer.Tests.Notifications;

/// <summary>Fan-out is stored before the reply's response: what a crash left undone goes out at the next start, once.</summary>
public sealed class FanOutResumeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("forumserver-resume-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Fan_outs_left_by_a_crash_are_done_at_the_next_start_and_a_finished_one_notifies_nobody_twice()
    {
        int done, lost;
        using (var app = new ForumApp(dataFolder: _folder))
        {
            using var alice = await app.NewMemberAsync("Alice", "alice@example.org");
            using var bob = await app.NewMemberAsync("Bob", "bob@example.org");
            var topic = (await alice.CreateTopicAsync(1, "Lost and found", "My keys?")).Location!;
            done = int.Parse((await bob.ReplyAsync(topic, "Under the mat.")).Location!.Split("#post-")[1]);
            lost = int.Parse((await bob.ReplyAsync(topic, "Or in the car.")).Location!.Split("#post-")[1]);
            await app.WaitForFanOutAsync();
            Assert.Equal(2, (await alice.GetAsync("/")).BellCount());
            var db = app.Service<ForumDatabase>();
            Assert.Equal(0, db.PendingFanOuts.Count());

            // As the process would leave it when killed: the reply stored with its pending fan-out, not yet fanned out
            // (and one finished fan-out whose record was not yet deleted).
            db.Notifications.DeleteMany(n => n.PostId == lost);
            var now = DateTimeOffset.UtcNow;
            db.PendingFanOuts.Insert(new PendingFanOut { Event = FanOutEvent.PostCreated, TopicId = 1, PostId = done, CreatedAt = now });
            db.PendingFanOuts.Insert(new PendingFanOut { Event = FanOutEvent.PostCreated, TopicId = 1, PostId = lost, CreatedAt = now });
        }

        using (var app = new ForumApp(dataFolder: _folder))
        {
            await app.WaitForFanOutAsync();
            using var alice = app.NewBrowser();
            await alice.SignInAsync("alice@example.org");
            var page = await alice.GetAsync("/notifications");
            Assert.Equal(2, page.BellCount());
            Assert.Equal(["Bob replied to your topic \"Lost and found\"", "Bob replied to your topic \"Lost and found\""], page.Texts(".notification .headline").ToArray());
            var db = app.Service<ForumDatabase>();
            Assert.Equal(1, db.Notifications.Count(n => n.PostId == lost));
            Assert.Equal(1, db.Notifications.Count(n => n.PostId == done));
            Assert.Equal(0, db.PendingFanOuts.Count());
        }
    }
}
