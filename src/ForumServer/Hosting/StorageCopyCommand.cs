using ForumServer.Storage.LiteDb;
using ForumServer.Storage.PostgreSql;
using static ForumServer.Storage.PostgreSql.PgImport;

namespace ForumServer.Hosting;

/// <summary>
/// <c>storage copy --to-postgresql "CONNECTION STRING"</c>: copies this server's LiteDB data folder (which it holds
/// locked, so no server is using it) into an empty PostgreSQL database, and prints what it copied.
/// </summary>
public static class StorageCopyCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "storage";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length < 2 || args[1] != "copy") return Usage("unknown storage command");
        var target = ValueOf(args, "--to-postgresql");
        if (string.IsNullOrWhiteSpace(target)) return Usage("--to-postgresql needs a connection string");
        if (services.GetService<ForumDatabase>() is not { } lite)
            return Fail("storage copy reads a LiteDB data folder: run it with Storage:Provider LiteDb (the default) and Storage:DataFolder set to the folder to copy.");
        if (!PostgreSqlStartup.TryOpen(target, out var pg, out var problem)) return Fail(problem);
        await using (pg)
        {
            var import = new PgImport(pg!);
            var used = await import.NonEmptyTablesAsync();
            if (used.Count > 0)
                return Fail($"The target database is not empty (rows in {string.Join(", ", used)}); nothing was copied. Copy into a new, empty database.");
            var folder = services.GetRequiredService<StorageOptions>().DataFolder;
            IReadOnlyDictionary<string, int> counts;
            try
            {
                // The copy awaits PostgreSQL between rows; each LiteDB query is read on a thread of its own.
                counts = await import.CopyAsync(Tables(lite, Path.Combine(folder, "keys")).Select(t => (t.Item1, t.Item2, LiteReads.OnOneThread(t.Item3))));
            }
            catch (Npgsql.PostgresException e)
            {
                return Fail($"The copy failed and nothing was copied: {e.MessageText}{(e.Detail is { } d ? $" ({d})" : "")}");
            }
            Console.WriteLine($"Copied {Path.Combine(folder, "forum.db")} into PostgreSQL:");
            foreach (var (table, count) in counts) Console.WriteLine($"  {table,-20} {count,9:N0}");
            Console.WriteLine("Media files stay where they are: point Storage:MediaFolder of every server at that folder (or a copy of it).");
            return 0;
        }
    }

    private static IEnumerable<(string, string, IEnumerable<object?[]>)> Tables(ForumDatabase lite, string keysFolder)
    {
        yield return ("members", "id, normalized_email, normalized_display_name, roles, doc", lite.Members.FindAll().Select(m => new object?[]
            { m.Id, m.NormalizedEmail, m.NormalizedDisplayName, m.Roles.Select(r => r.ToLowerInvariant()).Distinct().ToArray(), Json.Of(m) }));
        yield return ("categories", "id, sort_order, doc", lite.Categories.FindAll().Select(c => new object?[] { c.Id, c.SortOrder, Json.Of(c) }));
        yield return ("topics", "id, category_id, author_id, last_post_at, last_post_id, is_removed, doc", lite.Topics.FindAll().Select(t => new object?[]
            { t.Id, t.CategoryId, t.AuthorId, t.LastPostAt, t.LastPostId, t.IsRemoved, Json.Of(t) }));
        yield return ("posts", "id, topic_id, number, author_id, doc", lite.Posts.FindAll().Select(p => new object?[]
            { p.Id, p.TopicId, p.Number, p.AuthorId, Json.Of(p) }));
        yield return ("outbox", "id, dedup_key, state, due_at, batch, doc", lite.Outbox.FindAll().Select(m => new object?[]
            { m.Id, m.DedupKey, m.State, m.State == Core.Mail.OutboxState.Pending ? m.NextAttemptAt : null, m.Batch, Json.Of(m) }));
        yield return ("mail_contents", "id, doc", lite.MailContents.FindAll().Select(c => new object?[] { c.Id, Json.Of(c) }));
        yield return ("mail_bounces", "id, doc", lite.Bounces.FindAll().Select(b => new object?[] { b.Id, Json.Of(b) }));
        yield return ("mailing_lists", "id, sort_order, doc", lite.MailingLists.FindAll().Select(l => new object?[] { l.Id, l.SortOrder, Json.Of(l) }));
        yield return ("subscriptions", "id, key, token, confirm_hash, list_id, state, doc", lite.Subscriptions.FindAll().Select(s => new object?[]
            { s.Id, s.Key, s.Token, s.ConfirmTokenHash, s.ListId, s.State, Json.Of(s) }));
        yield return ("list_issues", "id, list_id, state, scheduled_at, doc", lite.ListIssues.FindAll().Select(i => new object?[]
            { i.Id, i.ListId, i.State, i.ScheduledAt, Json.Of(i) }));
        yield return ("flags", "id, post_id, filed_by_id, resolved_at, doc", lite.Flags.FindAll().Select(f => new object?[]
            { f.Id, f.PostId, f.FiledById, f.ResolvedAt, Json.Of(f) }));
        yield return ("deletion_requests", "id, state, member_id, due_at, doc", lite.DeletionRequests.FindAll().Select(r => new object?[]
            { r.Id, r.State, r.MemberId, r.DueAt, Json.Of(r) }));
        yield return ("audit", "id, doc", lite.Audit.FindAll().Select(a => new object?[] { a.Id, Json.Of(a) }));
        yield return ("media", "id, owner_id, post_id, created_at, bytes, doc", lite.Media.FindAll().Select(m => new object?[]
            { m.Id, m.OwnerId, m.PostId, m.CreatedAt, m.Bytes, Json.Of(m) }));
        yield return ("contact_messages", "id, from_address, closed_at, doc", lite.ContactMessages.FindAll().Select(m => new object?[]
            { m.Id, m.FromAddress.Trim().ToLowerInvariant(), m.ClosedAt, Json.Of(m) }));
        yield return ("settings", "key, value", lite.Settings.FindAll()
            .Where(s => s["Value"].IsString).Select(s => new object?[] { s["_id"].AsString, s["Value"].AsString }));
        yield return ("watches", "id, member_id, target_key, doc", lite.Watches.FindAll().Select(w => new object?[]
            { w.Id, w.MemberId, w.TargetKey, Json.Of(w) }));
        yield return ("read_positions", "id, member_id, last_read_number, at, doc", lite.ReadPositions.FindAll().Select(p => new object?[]
            { p.Id, p.MemberId, p.LastReadNumber, p.At, Json.Of(p) }));
        yield return ("notifications", "id, member_id, is_read, mail_state, doc", lite.Notifications.FindAll().Select(n => new object?[]
            { n.Id, n.MemberId, n.IsRead, n.MailState, Json.Of(n) }));
        yield return ("notification_preferences", "member_id, token, doc", lite.NotificationPreferences.FindAll().Select(p => new object?[]
            { p.Id, p.Token, Json.Of(p) }));
        yield return ("profiles", "member_id, doc", lite.Profiles.FindAll().Select(p => new object?[] { p.Id, Json.Of(p) }));
        yield return ("reactions", "id, post_id, topic_id, member_id, created_at, doc", lite.Reactions.FindAll().Select(r => new object?[]
            { r.Id, r.PostId, r.TopicId, r.MemberId, r.CreatedAt, Json.Of(r) }));
        yield return ("drafts", "id, member_id, updated_at, doc", lite.Drafts.FindAll().Select(d => new object?[]
            { d.Id, d.MemberId, d.UpdatedAt, Json.Of(d) }));
        // The DataProtection keys too, so sign-in cookies issued before the move stay valid after it.
        var keys = Directory.Exists(keysFolder) ? Directory.GetFiles(keysFolder, "*.xml").Order() : Enumerable.Empty<string>();
        yield return ("dataprotection_keys", "name, xml", keys.Select(f => new object?[] { Path.GetFileNameWithoutExtension(f), File.ReadAllText(f) }));
    }

    private static string? ValueOf(string[] args, string flag)
    {
        var i = Array.IndexOf(args, flag);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"error: {problem}");
        Console.Error.WriteLine("usage: storage copy --to-postgresql \"Host=...;Database=...;Username=...;Password=...\"");
        return 2;
    }

    private static int Fail(string problem)
    {
        Console.Error.WriteLine($"error: {problem}");
        return 1;
    }
}
