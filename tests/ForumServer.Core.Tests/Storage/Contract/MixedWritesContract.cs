using ForumServer.Core.Drafts;
using ForumServer.Core.Forum;
using ForumServer.Core.Mail;
using ForumServer.Core.Notifications;
using ForumServer.Core.Reactions;

namespace ForumServer.Core.Tests.Storage.Contract;

/// <summary>
/// What every set of stores must survive: members replying, saving and discarding drafts, liking and reading at
/// the same time, so writes to different collections interleave and pages are freed and reused while others are
/// allocated (the pattern that corrupts LiteDB 5's free-page list when two writers run at once,
/// litedb-org/LiteDB#2825). Afterwards every document reads back as it was written.
/// </summary>
public abstract class MixedWritesContract : StoreContract
{
    private const int Workers = 8;
    private const int Rounds = 60;

    // Large enough that a few documents fill a page, so deletes empty pages and inserts need new ones.
    private static string Text(int worker, int round, string what) =>
        $"{what} {worker}/{round} " + string.Concat(Enumerable.Repeat($"w{worker}r{round} ", 450));

    [Fact]
    public async Task Parallel_writes_to_different_stores_keep_every_document_intact()
    {
        var category = await Stores.Forum.AddCategoryAsync(new Category { Name = "General", Slug = "general" });
        var topics = new List<Topic>();
        for (var t = 0; t < 2; t++)
        {
            var topic = new Topic
            {
                CategoryId = category.Id, Title = $"Busy {t}", Slug = $"busy-{t}", AuthorId = "op", AuthorName = "Op",
                CreatedAt = T0, LastPostAt = T0, LastPosterName = "Op",
            };
            await Stores.Forum.CreateTopicAsync(topic, new Post { AuthorId = "op", AuthorName = "Op", Markdown = "first", Html = "<p>first</p>", CreatedAt = T0 });
            topics.Add(topic);
        }

        await InParallelAsync(Workers, async w =>
        {
            var member = $"member{w}";
            for (var r = 0; r < Rounds; r++)
            {
                var at = T0.AddMinutes(r);
                var topic = topics[(w + r) % topics.Count];
                var body = Text(w, r, "reply");
                var post = new Post { TopicId = topic.Id, AuthorId = member, AuthorName = member, Markdown = body, Html = $"<p>{body}</p>", CreatedAt = at };
                await Stores.Forum.AppendPostAsync(post);

                await Stores.Drafts.SaveAsync(new Draft
                {
                    Id = Draft.IdOf(member, $"k{r % 4}"), MemberId = member, Key = $"k{r % 4}", Title = "", Body = Text(w, r, "draft"), UpdatedAt = at,
                });
                if (r % 4 == 3) await Stores.Drafts.DeleteAsync(member, $"k{r % 2}");

                await Stores.Reactions.TryAddAsync(new Reaction
                {
                    Id = Reaction.IdOf(post.Id, member), PostId = post.Id, TopicId = topic.Id, MemberId = member, CreatedAt = at,
                });
                if (r % 3 == 0) await Stores.Reactions.RemoveAsync(post.Id, member);

                await Stores.Notifications.AdvanceReadPositionAsync(member, topic.Id, post.Number, at);
                var pending = new PendingFanOut { Event = FanOutEvent.PostCreated, TopicId = topic.Id, PostId = post.Id, CreatedAt = at };
                await Stores.Notifications.AddPendingFanOutAsync(pending);
                await Stores.Notifications.DeletePendingFanOutAsync(pending.Id);

                await Stores.Outbox.EnqueueAsync(new OutboundMessage
                {
                    To = $"{member}@example.org", FromAddress = "forum@example.org", FromName = "Forum", Subject = $"Reply {r}",
                    TextBody = Text(w, r, "mail"), DedupKey = $"mixed:{member}:{r}", CreatedAt = at, NextAttemptAt = at,
                });
            }
        });

        var total = Workers * Rounds;
        var posts = new List<Post>();
        foreach (var topic in topics)
        {
            var stored = (await Stores.Forum.GetTopicAsync(topic.Id))!;
            var listed = await Stores.Forum.ListPostsAsync(topic.Id, 0, total + 1);
            Assert.Equal(Enumerable.Range(1, listed.Count), listed.Select(p => p.Number));
            Assert.Equal(listed.Count, stored.PostCount);
            posts.AddRange(listed.Skip(1));
        }
        Assert.Equal(total, posts.Count);
        foreach (var post in posts)
        {
            var (w, r) = (int.Parse(post.AuthorId["member".Length..]), post.CreatedAt.Subtract(T0).Minutes);
            Assert.Equal(Text(w, r, "reply"), post.Markdown);
        }

        for (var w = 0; w < Workers; w++)
        {
            var member = $"member{w}";
            var drafts = await Stores.Drafts.ListOfMemberAsync(member);
            Assert.Equal(["k0", "k2", "k3"], drafts.Select(d => d.Key).Order());
            Assert.All(drafts, d => Assert.StartsWith("draft " + w + "/", d.Body));
            var liked = await Stores.Reactions.ListOfMemberAsync(member);
            Assert.Equal(Enumerable.Range(0, Rounds).Count(r => r % 3 != 0), liked.Count);
        }
        Assert.Empty(await Stores.Notifications.ListPendingFanOutsAsync(10));
        var due = await Stores.Outbox.ListDueAsync(T0.AddDays(1), total + 10);
        Assert.Equal(total, due.Count);
        Assert.All(due, m => Assert.Equal(Text(int.Parse(m.To[6..m.To.IndexOf('@')]), int.Parse(m.Subject[6..]), "mail"), m.TextBody));
    }
}
