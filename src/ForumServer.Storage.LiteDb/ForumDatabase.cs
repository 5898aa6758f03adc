using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Lists;
using ForumServer.Core.Mail;
using ForumServer.Core.Mail.Inbound;
using ForumServer.Core.Moderation;
using ForumServer.Core.Media;
using ForumServer.Core.Drafts;
using ForumServer.Core.Profiles;
using ForumServer.Core.Reactions;
using LiteDB;

namespace ForumServer.Storage.LiteDb;

/// <summary>The one LiteDB file of a process: mapper setup, collections and every index, declared here.</summary>
public sealed class ForumDatabase : IDisposable
{
    public const int SchemaVersion = 1;

    public ForumDatabase(string filePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(filePath))!);
        var mapper = CreateMapper();
        Database = new LiteDatabase(new ConnectionString { Filename = filePath, Connection = ConnectionType.Direct }, mapper);
        if (Database.UserVersion == 0) Database.UserVersion = SchemaVersion;

        Members.EnsureIndex(m => m.NormalizedEmail, unique: false);
        Members.EnsureIndex(m => m.NormalizedDisplayName, unique: true);
        Categories.EnsureIndex(c => c.SortOrder);
        Topics.EnsureIndex(t => t.CategoryId);
        Topics.EnsureIndex(t => t.LastPostAt);
        Posts.EnsureIndex(p => p.TopicId);
        Posts.EnsureIndex(p => p.AuthorId);
        Outbox.EnsureIndex(m => m.DedupKey, unique: true);
        Outbox.EnsureIndex(m => m.State);
        Flags.EnsureIndex(f => f.PostId);
        Flags.EnsureIndex(f => f.FiledById);
        Flags.EnsureIndex(f => f.ResolvedAt);
        DeletionRequests.EnsureIndex(r => r.State);
        DeletionRequests.EnsureIndex(r => r.MemberId);
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
    public ILiteCollection<BsonDocument> Settings => Database.GetCollection("settings");
    public ILiteCollection<MemberProfile> Profiles => Database.GetCollection<MemberProfile>("profiles");
    public ILiteCollection<Reaction> Reactions => Database.GetCollection<Reaction>("reactions");
    public ILiteCollection<Draft> Drafts => Database.GetCollection<Draft>("drafts");

    /// <summary>Runs <paramref name="work"/> in one transaction: all of it is stored, or none.</summary>
    public T InTransaction<T>(Func<T> work)
    {
        // LiteDB transactions belong to the calling thread; the work is synchronous, so it stays on one.
        Database.BeginTrans();
        try
        {
            var result = work();
            Database.Commit();
            return result;
        }
        catch
        {
            Database.Rollback();
            throw;
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
