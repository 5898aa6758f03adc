using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Lists;
using ForumServer.Storage.LiteDb;
using Microsoft.AspNetCore.Identity;

namespace ForumServer.Bench;

/// <summary>Fills a fresh data folder with a realistic forum: categories, topics of 20 posts, members.</summary>
public static class Seeder
{
    public const string MemberPassword = "bench password 123";

    public sealed record Seeded(int TopicId, string TopicSlug, int CategoryId, IReadOnlyList<string> MemberEmails, IReadOnlyList<int> ReplyTopicIds);

    public static Seeded Run(string dataFolder, int categories, int topics, int postsPerTopic, int members)
    {
        var renderer = new PostRenderer();
        // 2,000 distinct bodies with a forum-like vocabulary (SampleMarkdown.Varied), so a search word matches some posts, not all.
        var bodies = Enumerable.Range(0, 2_000).Select(i => SampleMarkdown.Post(i, varied: true)).Select(md => (md, html: renderer.Render(md))).ToArray();
        var start = DateTimeOffset.UtcNow.AddDays(-365);
        using var db = new ForumDatabase(Path.Combine(dataFolder, "forum.db"));

        var hasher = new PasswordHasher<Member>();
        var emails = new List<string>();
        var memberList = new List<Member>();
        for (var i = 0; i < members; i++)
        {
            var m = new Member
            {
                DisplayName = $"Member {i}", NormalizedDisplayName = $"MEMBER {i}",
                Email = $"member{i}@bench.example", NormalizedEmail = $"MEMBER{i}@BENCH.EXAMPLE",
                EmailConfirmed = true, CreatedAt = start, Roles = [Roles.Member],
            };
            if (i == members - 1) m.Roles.Add(Roles.ListManager);
            m.PasswordHash = hasher.HashPassword(m, MemberPassword);
            memberList.Add(m);
            emails.Add(m.Email);
        }
        db.Members.InsertBulk(memberList);

        var cats = Enumerable.Range(0, categories).Select(i => new Category
        {
            Name = $"Category {i + 1}", Slug = $"category-{i + 1}", Description = "Talk about things in this area.", SortOrder = i,
        }).ToList();
        db.Categories.InsertBulk(cats);

        var postBatch = new List<Post>(50_000);
        var topicBatch = new List<Topic>(1_000);
        var postId = 0;
        for (var t = 0; t < topics; t++)
        {
            var cat = cats[t % cats.Count];
            var created = start.AddMinutes(t * 40);
            var title = SampleMarkdown.Title(t);
            var topic = new Topic
            {
                Id = t + 1, CategoryId = cat.Id, Title = title, Slug = Slug.From(title),
                AuthorId = memberList[t % members].Id, AuthorName = memberList[t % members].DisplayName,
                CreatedAt = created, PostCount = postsPerTopic,
            };
            for (var n = 1; n <= postsPerTopic; n++)
            {
                var author = memberList[(t + n) % members];
                var (md, html) = bodies[(t * 7 + n) % bodies.Length];
                postBatch.Add(new Post
                {
                    Id = ++postId, TopicId = topic.Id, Number = n, AuthorId = author.Id, AuthorName = author.DisplayName,
                    Markdown = md, Html = html, CreatedAt = created.AddMinutes(n),
                });
            }
            topic.LastPostAt = created.AddMinutes(postsPerTopic);
            topic.LastPostId = postId;
            topic.LastPosterName = postBatch[^1].AuthorName;
            topicBatch.Add(topic);
            cat.TopicCount++;
            cat.PostCount += postsPerTopic;
            cat.LastActivityAt = topic.LastPostAt;
            if (postBatch.Count >= 40_000) Flush(db, topicBatch, postBatch);
        }
        Flush(db, topicBatch, postBatch);
        foreach (var c in cats) db.Categories.Update(c);
        db.Database.Checkpoint();

        var pageTopic = db.Topics.FindById(topics / 2);
        var replyTopics = Enumerable.Range(1, 16).Select(i => i * 3).ToList();
        return new Seeded(pageTopic.Id, pageTopic.Slug, pageTopic.CategoryId, emails, replyTopics);
    }

    /// <summary>Confirmed subscribers of one list, as an import would add them.</summary>
    public static void SeedSubscribers(string dataFolder, string listId, int count)
    {
        using var db = new ForumDatabase(Path.Combine(dataFolder, "forum.db"));
        var now = DateTimeOffset.UtcNow;
        for (var start = 0; start < count; start += 10_000)
        {
            var batch = Enumerable.Range(start, Math.Min(10_000, count - start)).Select(i =>
            {
                var email = $"{listId}-subscriber{i}@sink.bench";
                return new Subscription
                {
                    ListId = listId, Email = email, Key = Subscription.KeyFor(listId, email), Token = ListTokens.New(),
                    State = SubscriptionState.Confirmed, CreatedAt = now, ConfirmedAt = now,
                };
            }).ToList();
            db.InTransaction(() => db.Subscriptions.InsertBulk(batch));
        }
    }

    private static void Flush(ForumDatabase db, List<Topic> topics, List<Post> posts)
    {
        db.Topics.InsertBulk(topics);
        db.Posts.InsertBulk(posts);
        topics.Clear();
        posts.Clear();
    }
}

/// <summary>Markdown like people write it: paragraphs, lists, links, code, quotes, tables.</summary>
public static class SampleMarkdown
{
    private static readonly string[] Words =
        "the release build server client update version install config forum list topic post reply thread feature bug fix test docs page user admin mail cache query index speed memory network disk"
            .Split(' ');

    public static string Title(int i)
    {
        var r = new Random(i);
        return $"{Cap(Words[r.Next(Words.Length)])} {Words[r.Next(Words.Length)]} {Words[r.Next(Words.Length)]} question #{i}";
    }

    /// <summary>
    /// A vocabulary of 5,000 made-up words used with Zipf's law (the word of rank k about 1/k as often as the first), as
    /// words are in real text: <see cref="Post"/> with <c>varied</c> mixes them with the 30 common words, so a search
    /// word of middle rank matches a few percent of the posts (the 30 common words match nearly all).
    /// </summary>
    public static readonly string[] Varied = MakeVaried(5_000);

    private static readonly double[] ZipfCumulative = MakeZipf(Varied.Length);

    /// <summary>The varied word of this rank (0 is the most frequent).</summary>
    public static string VariedWord(int rank) => Varied[rank];

    public static string Post(int seed) => Post(seed, varied: false);

    public static string Post(int seed, bool varied)
    {
        var r = new Random(seed);
        var pick = varied ? (Func<Random, string>)(rr => rr.Next(2) == 0 ? Words[rr.Next(Words.Length)] : Varied[Zipf(rr)]) : null;
        var sb = new System.Text.StringBuilder();
        var paragraphs = 1 + r.Next(4);
        for (var p = 0; p < paragraphs; p++)
        {
            sb.AppendLine(Sentence(r, 12 + r.Next(30), pick) + " " + Sentence(r, 8 + r.Next(20), pick));
            sb.AppendLine();
        }
        switch (seed % 5)
        {
            case 0: sb.AppendLine("- " + Sentence(r, 5)).AppendLine("- " + Sentence(r, 6)).AppendLine("- [x] " + Sentence(r, 4)); break;
            case 1: sb.AppendLine("```csharp").AppendLine("var server = new ForumServer(options);").AppendLine("await server.StartAsync();").AppendLine("```"); break;
            case 2: sb.AppendLine("> " + Sentence(r, 15)).AppendLine().AppendLine("See https://example.org/docs/" + seed + " for **details**."); break;
            case 3: sb.AppendLine("| setting | value |").AppendLine("|---|---|").AppendLine("| cache | on |").AppendLine("| threads | 4 |"); break;
        }
        return sb.ToString();
    }

    public static string Large(int bytes)
    {
        var sb = new System.Text.StringBuilder();
        var i = 0;
        while (sb.Length < bytes) sb.Append(Post(i++)).AppendLine();
        return sb.ToString()[..bytes];
    }

    private static string Sentence(Random r, int words, Func<Random, string>? pick = null) =>
        Cap(string.Join(' ', Enumerable.Range(0, words).Select(_ => pick is null ? Words[r.Next(Words.Length)] : pick(r)))) + ".";

    private static int Zipf(Random r)
    {
        var i = Array.BinarySearch(ZipfCumulative, r.NextDouble());
        return Math.Min(i < 0 ? ~i : i, ZipfCumulative.Length - 1);
    }

    private static double[] MakeZipf(int n)
    {
        var c = new double[n];
        var sum = 0.0;
        for (var k = 0; k < n; k++) c[k] = sum += 1.0 / (k + 1);
        for (var k = 0; k < n; k++) c[k] /= sum;
        return c;
    }

    // Syllable words ("mokira", "tesuvan"): distinct, pronounceable, and left alone by the stemmers as the text is.
    private static string[] MakeVaried(int n)
    {
        string[] onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"];
        string[] vowels = ["a", "e", "i", "o", "u"];
        var r = new Random(42);
        var words = new HashSet<string>();
        while (words.Count < n)
        {
            var sb = new System.Text.StringBuilder();
            for (var s = 2 + r.Next(2); s > 0; s--) sb.Append(onsets[r.Next(onsets.Length)]).Append(vowels[r.Next(vowels.Length)]);
            if (r.Next(3) == 0) sb.Append('n');
            words.Add(sb.ToString());
        }
        return [.. words];
    }

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
