using ForumServer.Core.Forum;
using ForumServer.Core.Notifications;
using Microsoft.AspNetCore.Identity;

namespace ForumServer.Storage.PostgreSql;

/// <summary>
/// The renderer's @mention and quote lookups over PostgreSQL. The renderer is synchronous (Markdig), so these two
/// use Npgsql's synchronous calls rather than blocking on async ones.
/// </summary>
public sealed class PgPostReferenceResolver(PgDatabase db, ILookupNormalizer normalizer) : IPostReferenceResolver, IMemberNameDirectory
{
    public MentionedMember? FindMember(string displayName)
    {
        using var connection = db.DataSource.OpenConnection();
        using var command = PgDatabase.Command(connection,
            "SELECT id, doc->>'DisplayName' FROM members WHERE normalized_display_name = $1", [normalizer.NormalizeName(displayName.Trim())]);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new MentionedMember(reader.GetString(0), reader.GetString(1)) : null;
    }

    public QuotedPost? FindPost(int postId)
    {
        using var connection = db.DataSource.OpenConnection();
        using var command = PgDatabase.Command(connection,
            "SELECT topic_id, number, doc->>'AuthorName', doc->'Removal' IS NOT NULL AND doc->'Removal' <> 'null'::jsonb FROM posts WHERE id = $1", [postId]);
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.GetBoolean(3)) return null;
        return new QuotedPost(postId, reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2));
    }

    public async Task<IReadOnlyList<string>> NamesStartingWithAsync(string prefix, int take)
    {
        var normalized = normalizer.NormalizeName(prefix.Trim());
        // A range on the unique name index (>= prefix, < prefix + U+FFFF) reads in index order.
        var rows = await db.ListAsync<NameRow>(
            "SELECT jsonb_build_object('Name', doc->>'DisplayName')::text FROM members WHERE normalized_display_name >= $1 AND normalized_display_name < $2 " +
            "ORDER BY normalized_display_name LIMIT $3", normalized, normalized + '\uffff', take);
        return rows.Select(r => r.Name).ToList();
    }

    private sealed record NameRow(string Name);
}
