using ForumServer.Core.Accounts;
using ForumServer.Core.Drafts;
using ForumServer.Core.Forum;
using ForumServer.Core.Inbound;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Core.Media;
using ForumServer.Core.Moderation;
using ForumServer.Core.Notifications;
using ForumServer.Core.Profiles;
using ForumServer.Core.Reactions;
using LiteDB;
using LiteDB.Engine;

namespace ForumServer.Storage.LiteDb;

/// <summary>The one LiteDB file of a process: mapper setup, collections and every index, declared here.</summary>
public sealed class ForumDatabase : IDisposable
{
    /// <summary>
    /// 2: posts carry TopicPosition and topics CategoryActivity (indexed); topics renumbered by post id.
    /// 3: notifications carry MemberOrder (indexed, unique).
    /// </summary>
    public const int SchemaVersion = 3;

    // What LiteDB 5.0.21 guarantees, read from its source (Engine/Services/TransactionMonitor.cs, TransactionService.cs,
    // LockService.cs, Engine/Query/QueryOptimization.cs):
    // - A transaction belongs to the calling thread (TransactionMonitor keeps it in a ThreadLocal slot; BeginTrans on
    //   a thread that has one returns false and joins it). So a unit of work must run synchronously on one thread:
    //   no await inside InTransaction.
    // - Reads take a snapshot of the collection at the last committed version and never wait. The first write to a
    //   collection in a transaction drops that read snapshot and enters the collection's exclusive lock
    //   (LockService.EnterLock, a Monitor per collection, held to commit), then re-reads at the newest version.
    //   A value read before that point is NOT re-read: two transactions that both read topic.PostCount = 5 and write
    //   6 run one after the other and both commit. Read-modify-write loses updates; LiteDB gives no serializable
    //   isolation. Locks are taken per collection in the order of first write, so two units that write posts and
    //   topics in different orders can also wait on each other until LiteDB's lock timeout.
    // - Hence one writer lock (below) around every read-modify-write unit: numbering, counters, one account per
    //   email, one subscription per key. Readers take no lock (snapshots), so pages never wait for writers.
    // - Writers of different collections must not run at once either: they share the header's free-page list, and
    //   5.0.21 can give one page to both (litedb-org/LiteDB#2825). SerializedWritesEngine takes the same lock for
    //   every single write, so a store that writes outside InTransaction still waits its turn.
    // - Index choice (QueryOptimization.ChooseIndex): the lowest-cost WHERE predicate of the form `indexed-expr OP
    //   value` wins; only when no predicate has an index is the index of ORDER BY used. ORDER BY runs in index order
    //   (no SortService and its sort buffers) only when its expression equals the chosen index's expression
    //   (DefineOrderBy). Two predicates `k >= a AND k <= b` use one as an open-ended index range and filter with
    //   the other, walking to the end of the index; `k BETWEEN a AND b` is one closed IndexRange. Hot paths use
    //   BETWEEN over one computed key and ORDER BY that same key.
    private readonly Lock _writeLock = new();

    public ForumDatabase(string filePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(filePath))!);
        var mapper = CreateMapper();
        Database = new LiteDatabase(new SerializedWritesEngine(new LiteEngine(new EngineSettings { Filename = filePath }), _writeLock), mapper);
        BuildEntityMappers(mapper);
        Migrate();

        Members.EnsureIndex(m => m.NormalizedEmail, unique: false);
        Members.EnsureIndex(m => m.NormalizedDisplayName, unique: true);
        Categories.EnsureIndex(c => c.SortOrder);
        Topics.EnsureIndex(t => t.CategoryId);
        Topics.EnsureIndex(t => t.LastPostAt);
        Topics.EnsureIndex(t => t.CategoryActivity);
        Posts.EnsureIndex(p => p.TopicId);
        Posts.EnsureIndex(p => p.TopicPosition, unique: true);
        Posts.EnsureIndex(p => p.AuthorId);
        Outbox.EnsureIndex(m => m.DedupKey, unique: true);
        Outbox.EnsureIndex(m => m.State);
        Flags.EnsureIndex(f => f.PostId);
        Flags.EnsureIndex(f => f.FiledById);
        Flags.EnsureIndex(f => f.ResolvedAt);
        DeletionRequests.EnsureIndex(r => r.State);
        DeletionRequests.EnsureIndex(r => r.MemberId);
        DeletionRequests.EnsureIndex(r => r.OpenKey);
        Audit.EnsureIndex(a => a.At);
        Media.EnsureIndex(m => m.OwnerId);
        Media.EnsureIndex(m => m.PostId);
        Media.EnsureIndex(m => m.CreatedAt);
        Outbox.EnsureIndex(m => m.NextAttemptAt);
        Outbox.EnsureIndex(m => m.BatchState);
        Subscriptions.EnsureIndex(s => s.Key, unique: true);
        Subscriptions.EnsureIndex(s => s.Token, unique: true);
        Subscriptions.EnsureIndex(s => s.ConfirmTokenHash);
        Subscriptions.EnsureIndex(s => s.ListId);
        Subscriptions.EnsureIndex(s => s.State);
        ListIssues.EnsureIndex(i => i.ListId);
        ListIssues.EnsureIndex(i => i.State);
        ContactMessages.EnsureIndex(m => m.ClosedAt);
        Watches.EnsureIndex(w => w.TargetKey);
        Watches.EnsureIndex(w => w.MemberId);
        ReadPositions.EnsureIndex(p => p.MemberId);
        Notifications.EnsureIndex(n => n.MemberId);
        Notifications.EnsureIndex(n => n.MemberUnread);
        Notifications.EnsureIndex(n => n.MemberMail);
        Notifications.EnsureIndex(n => n.MailState);
        Notifications.EnsureIndex(n => n.MemberOrder, unique: true);
        Notifications.EnsureIndex(n => n.PostId);
        NotificationPreferences.EnsureIndex(p => p.Token, unique: true);
        Topics.EnsureIndex(t => t.AuthorId);
        Topics.EnsureIndex(t => t.Pin);
        Topics.EnsureIndex(t => t.AcceptedAuthorId);
        Reactions.EnsureIndex(r => r.PostId);
        Reactions.EnsureIndex(r => r.TopicId);
        Reactions.EnsureIndex(r => r.MemberId);
        Drafts.EnsureIndex(d => d.MemberId);
    }

    public LiteDatabase Database { get; }

    public ILiteCollection<Member> Members => Database.GetCollection<Member>("members");
    public ILiteCollection<Category> Categories => Database.GetCollection<Category>("categories");
    public ILiteCollection<Topic> Topics => Database.GetCollection<Topic>("topics");
    public ILiteCollection<Post> Posts => Database.GetCollection<Post>("posts");
    public ILiteCollection<OutboundMessage> Outbox => Database.GetCollection<OutboundMessage>("outbox");
    public ILiteCollection<Flag> Flags => Database.GetCollection<Flag>("flags");
    public ILiteCollection<DeletionRequest> DeletionRequests => Database.GetCollection<DeletionRequest>("deletion_requests");
    public ILiteCollection<AuditEntry> Audit => Database.GetCollection<AuditEntry>("audit");
    public ILiteCollection<MediaItem> Media => Database.GetCollection<MediaItem>("media");
    public ILiteCollection<MailContent> MailContents => Database.GetCollection<MailContent>("mail_contents");
    public ILiteCollection<BounceRecord> Bounces => Database.GetCollection<BounceRecord>("mail_bounces");
    public ILiteCollection<MailingList> MailingLists => Database.GetCollection<MailingList>("lists");
    public ILiteCollection<Subscription> Subscriptions => Database.GetCollection<Subscription>("list_subscriptions");
    public ILiteCollection<ListIssue> ListIssues => Database.GetCollection<ListIssue>("list_issues");
    public ILiteCollection<ContactMessage> ContactMessages => Database.GetCollection<ContactMessage>("contact_messages");
    public ILiteCollection<Watch> Watches => Database.GetCollection<Watch>("watches");
    public ILiteCollection<ReadPosition> ReadPositions => Database.GetCollection<ReadPosition>("read_positions");
    public ILiteCollection<Notification> Notifications => Database.GetCollection<Notification>("notifications");
    public ILiteCollection<PendingFanOut> PendingFanOuts => Database.GetCollection<PendingFanOut>("notification_fan_outs");
    public ILiteCollection<NotificationPreferences> NotificationPreferences => Database.GetCollection<NotificationPreferences>("notification_preferences");
    public ILiteCollection<BsonDocument> Settings => Database.GetCollection("settings");
    public ILiteCollection<MemberProfile> Profiles => Database.GetCollection<MemberProfile>("profiles");
    public ILiteCollection<Reaction> Reactions => Database.GetCollection<Reaction>("reactions");
    public ILiteCollection<Draft> Drafts => Database.GetCollection<Draft>("drafts");

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction under the writer lock: all of it is stored, or none, and no
    /// other unit writes in between, so what it reads is still true when it writes. The work must be synchronous.
    /// A unit called from inside another joins it. <paramref name="committed"/> runs once the outermost unit has
    /// committed, still under the lock (for in-memory state that must match what is stored), and never after a rollback.
    /// </summary>
    public T InTransaction<T>(Func<T> work, Action<T>? committed = null)
    {
        lock (_writeLock)
        {
            if (!Database.BeginTrans())
            {
                // Nested: the outer unit commits, and runs what waits for that.
                var inner = work();
                if (committed is not null) _afterCommit.Add(() => committed(inner));
                return inner;
            }
            try
            {
                var result = work();
                Database.Commit();
                committed?.Invoke(result);
                foreach (var action in _afterCommit) action();
                return result;
            }
            catch
            {
                Database.Rollback();
                throw;
            }
            finally
            {
                _afterCommit.Clear();
            }
        }
    }

    // Only the holder of the writer lock touches this.
    private readonly List<Action> _afterCommit = [];

    public void InTransaction(Action work) => InTransaction(() => { work(); return 0; });

    /// <summary>
    /// Builds the mapper of every stored type here, on one thread. LiteDB's BsonMapper publishes an entity's mapper
    /// before filling it in (BuildAddEntityMapper), so two threads storing a type for the first time at once could
    /// store a document without its fields, under an ObjectId instead of its id (seen in the mixed-writes test).
    /// </summary>
    private void BuildEntityMappers(BsonMapper mapper)
    {
        foreach (var property in typeof(ForumDatabase).GetProperties()
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(ILiteCollection<>)))
        {
            property.GetValue(this); // the collection's constructor builds the mapper of its id
            var type = property.PropertyType.GetGenericArguments()[0];
            if (type == typeof(BsonDocument) || type.GetConstructor(Type.EmptyTypes) is null) continue;
            try
            {
                mapper.ToDocument(type, Activator.CreateInstance(type)); // and of the types inside a default instance
            }
            catch (ArgumentException)
            {
                // a computed key of an empty instance has nothing to read; the type's own mapper is built above
            }
        }
    }

    private void Migrate()
    {
        var version = Database.UserVersion;
        if (version >= SchemaVersion) return;
        if (version < 2) InTransaction(RenumberTopics);
        if (version < 3) InTransaction(KeyNotifications);
        Database.UserVersion = SchemaVersion;
    }

    /// <summary>
    /// Version 2: numbers each topic's posts 1..n by id (before the writer lock parallel replies could share a
    /// number), stores the computed keys by saving every post and topic again, and recounts the categories.
    /// </summary>
    private void RenumberTopics()
    {
        var categories = Categories.FindAll().ToDictionary(c => c.Id);
        foreach (var category in categories.Values) (category.TopicCount, category.PostCount) = (0, 0);
        foreach (var topic in Topics.FindAll().ToList())
        {
            var posts = Posts.Find(p => p.TopicId == topic.Id).OrderBy(p => p.Id).ToList();
            for (var i = 0; i < posts.Count; i++) posts[i].Number = i + 1;
            Posts.Update(posts);
            if (posts.Count > 0)
            {
                topic.PostCount = posts.Count;
                topic.LastPostId = posts[^1].Id;
            }
            Topics.Update(topic);
            if (!topic.IsRemoved && categories.TryGetValue(topic.CategoryId, out var category))
            {
                category.TopicCount++;
                category.PostCount += topic.PostCount;
            }
        }
        Categories.Update(categories.Values);
    }

    /// <summary>Version 3: stores each notification's ordering key.</summary>
    private void KeyNotifications()
    {
        foreach (var n in Notifications.FindAll().ToList())
        {
            n.Keys();
            Notifications.Update(n);
        }
    }

    public void Dispose() => Database.Dispose();

    private static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper { EnumAsInteger = false, EmptyStringToNull = false, TrimWhitespace = false };
        // BSON dates are UTC milliseconds; offsets are always stored as UTC.
        mapper.RegisterType<DateTimeOffset>(
            value => new BsonValue(value.UtcDateTime),
            bson => new DateTimeOffset(bson.AsDateTime.ToUniversalTime(), TimeSpan.Zero));
        return mapper;
    }
}
