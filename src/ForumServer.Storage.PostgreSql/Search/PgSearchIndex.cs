using System.Text;
using ForumServer.Core.Localization;
using ForumServer.Core.Search;
using Npgsql;
using NpgsqlTypes;

namespace ForumServer.Storage.PostgreSql.Search;

/// <summary>
/// The search index as PostgreSQL full-text search (<c>search_posts</c>, migration 0003): every server on the database
/// writes and reads the same rows, so all of them find what any of them indexed. Each post's words are a
/// <c>tsvector</c> of its language's configuration (english, italian, german) beside a neutral one (<c>simple</c> over
/// accent-folded text); a query asks every column, as the Lucene index asks every field. Writes commit at once.
/// </summary>
public sealed class PgSearchIndex : ISearchIndex
{
    /// <summary>ts_headline drops what its parser takes for HTML tags; '&lt;' is swapped for this character around it.</summary>
    private const char TagGuard = '\u0003';

    private const string Marks = "StartSel=\u0001, StopSel=\u0002";
    private const string HeadlineOptions = Marks + ", MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=\" … \"";

    private readonly PgDatabase _db;

    public PgSearchIndex(PgDatabase db)
    {
        _db = db;
        // Read once at start, as the Lucene index reads its commit: the host's worker rebuilds when it is false.
        using var connection = db.DataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT complete FROM search_state WHERE id = 1", connection);
        NeedsRebuild = command.ExecuteScalar() is not true;
    }

    public bool NeedsRebuild { get; }

    public async Task IndexAsync(IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        if (documents.Count == 0) return;
        // One row per post: the last version of a post given twice wins (ON CONFLICT may touch a row only once).
        var rows = documents.GroupBy(d => d.PostId).Select(g => g.Last()).ToList();
        string Title(SearchDocument d) => d.IsFirstPost ? Excerpts.Clean(d.Title) : "";
        await _db.ExecuteAsync(Sql.Upsert,
            rows.Select(d => d.PostId).ToArray(),
            rows.Select(d => d.TopicId).ToArray(),
            rows.Select(d => d.CategoryId).ToArray(),
            rows.Select(d => d.IsFirstPost).ToArray(),
            rows.Select(d => d.AuthorId).ToArray(),
            rows.Select(d => d.AuthorName.ToLowerInvariant()).ToArray(),
            rows.Select(d => PgSearchLanguages.Code(d.Language)).ToArray(),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = rows.Select(d => d.CreatedAt.UtcDateTime).ToArray() },
            rows.Select(d => Excerpts.Clean(d.Text).Replace(TagGuard, ' ')).ToArray(),
            rows.Select(Title).ToArray(),
            rows.Select(d => PgSearchLanguages.Fold(Excerpts.Clean(d.Text))).ToArray(),
            rows.Select(d => PgSearchLanguages.Fold(Title(d))).ToArray(),
            PgSearchLanguages.Code(Texts.DefaultLanguage));
    }

    public async Task RemovePostsAsync(IReadOnlyList<int> postIds, CancellationToken cancellationToken = default)
    {
        if (postIds.Count == 0) return;
        await _db.ExecuteAsync("DELETE FROM search_posts WHERE post_id = ANY($1)", postIds.ToArray());
    }

    public Task RemoveTopicAsync(int topicId, CancellationToken cancellationToken = default) =>
        _db.ExecuteAsync("DELETE FROM search_posts WHERE topic_id = $1", topicId);

    public Task ClearAsync(CancellationToken cancellationToken = default) =>
        _db.InTransactionAsync(async (c, tx) =>
        {
            await PgDatabase.ExecuteAsync(c, tx, "UPDATE search_state SET complete = false WHERE id = 1");
            await PgDatabase.ExecuteAsync(c, tx, "DELETE FROM search_posts");
        });

    /// <summary>Rows are durable when written; a finished rebuild is recorded for every server's next start.</summary>
    public async Task FlushAsync(bool rebuilt = false, CancellationToken cancellationToken = default)
    {
        if (rebuilt) await _db.ExecuteAsync("UPDATE search_state SET complete = true WHERE id = 1");
    }

    public async Task<SearchHits> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        await using var connection = await _db.DataSource.OpenConnectionAsync(cancellationToken);
        var q = request.Query;
        var terms = await AnalyzeAsync(connection, [.. q.Words, .. q.Phrases, .. q.Excluded], cancellationToken);
        var positive = terms.Take(q.Words.Count + q.Phrases.Count).Where(t => !t.Empty).ToList();
        var excluded = terms.Skip(q.Words.Count + q.Phrases.Count).Where(t => !t.Empty).ToList();
        // Text that analyzes to nothing (only punctuation) matches nothing; filters alone list everything they allow.
        if (q.HasTextTerms && positive.Count == 0) return new SearchHits(0, []);

        var sql = new PgSearchSql(request);
        var required = positive.Where(t => !t.StopWord).ToList();
        foreach (var term in required) sql.Where(sql.Match(term, q.TitleOnly ? "title" : "body"));
        // A word some language drops as a stop word need not match; stop words alone must match at least one of them.
        if (required.Count == 0 && positive.Count > 0) sql.Where("(" + string.Join(" OR ", positive.Select(t => sql.Match(t, q.TitleOnly ? "title" : "body"))) + ")");
        // An excluded phrase is asked only of languages that kept all its words: English drops "you", and -"you found"
        // must not exclude every post with "found".
        foreach (var term in excluded) sql.Where($"NOT coalesce({sql.Match(term, "body", exact: true)}, false)");

        var total = (int)(long)(await sql.Command(connection, "SELECT count(*) FROM search_posts s" + sql.WhereClause).ExecuteScalarAsync(cancellationToken))!;
        if (total <= request.Skip) return new SearchHits(total, []);

        var byDate = request.Order == SearchOrder.Newest || !q.HasTextTerms;
        var all = PgSearchLanguages.All.ToDictionary(l => l, l => sql.Param(AnyOf(positive, l)));
        var order = byDate ? "s.created_at DESC, s.post_id DESC"
            : $"({string.Join(" + ", PgSearchLanguages.All.Select(l => $"ts_rank(coalesce(s.body_{l}, ''::tsvector), {all[l]}::tsquery)"))}) DESC, s.created_at DESC, s.post_id DESC";
        var headline = string.Join(" ", PgSearchLanguages.Stemmed.Select(l =>
            $"WHEN '{l}' THEN {Headline(PgSearchLanguages.Config(l), all[l])}"));
        var skip = sql.Param(request.Skip);
        var take = sql.Param(Math.Max(1, request.Take));
        var page = $"""
            SELECT p.post_id, p.topic_id, p.text,
                   CASE WHEN {q.HasTextTerms.ToString().ToLowerInvariant()} THEN
                     CASE WHEN strpos(h.lang_headline, E'\u0001') > 0 THEN h.lang_headline
                          ELSE {Headline("simple", all["std"])} END END
            FROM (SELECT s.post_id, s.topic_id, s.text, replace(s.text, '<', E'\u0003') AS guarded, s.lang FROM search_posts s{sql.WhereClause}
                  ORDER BY {order} OFFSET {skip} LIMIT {take}) p
            CROSS JOIN LATERAL (SELECT CASE p.lang {headline} ELSE '' END AS lang_headline) h
            """;
        await using var command = sql.Command(connection, page);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hits = new List<SearchHit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var text = reader.GetString(2);
            var marked = reader.IsDBNull(3) ? null : reader.GetString(3).Replace(TagGuard, '<');
            hits.Add(new SearchHit(reader.GetInt32(0), reader.GetInt32(1),
                marked is not null && marked.Contains(Excerpts.MatchStart) ? Excerpts.Parse(marked) : Excerpts.Lead(text)));
        }
        // The page query may see a row more or less than the count a moment before; the count stays the total shown.
        return new SearchHits(total, hits);
    }

    public SearchIndexStats Stats()
    {
        using var connection = _db.DataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT count(*), pg_total_relation_size('search_posts') FROM search_posts", connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        return new SearchIndexStats((int)reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The marked excerpt of page row p: a short post whole, a longer one as its two best fragments.</summary>
    private static string Headline(string config, string query) =>
        $"CASE WHEN length(p.text) <= {Excerpts.LeadChars} " +
        $"THEN ts_headline('{config}', p.guarded, {query}::tsquery, '{Marks}, HighlightAll=true') " +
        $"ELSE ts_headline('{config}', p.guarded, {query}::tsquery, '{HeadlineOptions}') END";

    /// <summary>Any one of the terms in this language (for ranking and excerpts); the empty query when none analyzes to anything.</summary>
    private static string AnyOf(List<AnalyzedTerm> terms, string language) =>
        string.Join(" | ", terms.Select(t => t.Queries[language]).Where(x => x.Length > 0).Select(x => "(" + x + ")"));

    /// <summary>Each term as a tsquery of every configuration (the text form, "" when the configuration drops every word of it).</summary>
    private static async Task<List<AnalyzedTerm>> AnalyzeAsync(NpgsqlConnection connection, string[] terms, CancellationToken cancellationToken)
    {
        var analyzed = new List<AnalyzedTerm>(terms.Length);
        if (terms.Length == 0) return analyzed;
        string Source(string l) => l == PgSearchLanguages.Neutral ? "u.folded" : "u.term";
        var columns = string.Join(", ", PgSearchLanguages.All.Select(l =>
            $"phraseto_tsquery('{PgSearchLanguages.Config(l)}', {Source(l)})::text, " +
            $"(SELECT coalesce(sum(cardinality(v.positions)), 0)::int FROM unnest(to_tsvector('{PgSearchLanguages.Config(l)}', {Source(l)})) v)"));
        await using var command = PgDatabase.Command(connection,
            $"SELECT {columns} FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(term, folded, n) ORDER BY u.n",
            [terms, terms.Select(PgSearchLanguages.Fold).ToArray()]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            analyzed.Add(new AnalyzedTerm(
                PgSearchLanguages.All.Select((l, i) => (l, reader.GetString(2 * i))).ToDictionary(p => p.l, p => p.Item2),
                PgSearchLanguages.All.Select((l, i) => (l, reader.GetInt32(2 * i + 1))).ToDictionary(p => p.l, p => p.Item2)));
        return analyzed;
    }
}

/// <summary>One word or phrase of a query as each configuration reads it, and how many of its words each kept.</summary>
internal sealed record AnalyzedTerm(Dictionary<string, string> Queries, Dictionary<string, int> Words)
{
    /// <summary>This language kept every word (the neutral configuration drops none).</summary>
    public bool Whole(string language) => Words[language] >= Words[PgSearchLanguages.Neutral];

    public bool Empty => Queries.Values.All(q => q.Length == 0);

    /// <summary>Some language drops it entirely as a stop word (it would otherwise exclude that language's posts).</summary>
    public bool StopWord => PgSearchLanguages.Stemmed.Any(l => Queries[l].Length == 0);
}

/// <summary>The WHERE clause and parameters of one search, built from the request's filters and the caller's matches.</summary>
internal sealed class PgSearchSql
{
    private readonly List<object?> _args = [];
    private readonly List<string> _conditions = [];

    public PgSearchSql(SearchRequest request)
    {
        var q = request.Query;
        if (request.CategoryId is { } category) Where($"s.category_id = {Param(category)}");
        if (q.AuthorName is { } name)
            Where(request.AuthorId is { } id
                ? $"(s.author_name = {Param(name.ToLowerInvariant())} OR s.author_id = {Param(id)})"
                : $"s.author_name = {Param(name.ToLowerInvariant())}");
        if (q.After is { } after) Where($"s.created_at >= {Param(Utc(after.AddDays(1)))}");
        if (q.Before is { } before) Where($"s.created_at < {Param(Utc(before))}");
        if (q.TitleOnly) Where("s.is_first");
    }

    public string WhereClause => _conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", _conditions);

    public void Where(string condition) => _conditions.Add(condition);

    /// <summary>A positional parameter ($n) holding <paramref name="value"/>.</summary>
    public string Param(object? value)
    {
        _args.Add(value);
        return "$" + _args.Count;
    }

    /// <summary>
    /// The term in any language's column of this kind (body or title), skipping configurations that drop it entirely, or,
    /// when <paramref name="exact"/>, any of its words.
    /// </summary>
    public string Match(AnalyzedTerm term, string kind, bool exact = false)
    {
        var columns = PgSearchLanguages.All.Where(l => term.Queries[l].Length > 0 && (!exact || term.Whole(l)))
            .Select(l => $"s.{kind}_{l} @@ {Param(term.Queries[l])}::tsquery").ToList();
        return columns.Count == 0 ? "false" : "(" + string.Join(" OR ", columns) + ")";
    }

    public NpgsqlCommand Command(NpgsqlConnection connection, string sql) => PgDatabase.Command(connection, sql, [.. _args]);

    private static DateTimeOffset Utc(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

/// <summary>The languages with a stemming column and their PostgreSQL text search configurations.</summary>
internal static class PgSearchLanguages
{
    public const string Neutral = "std";
    public static readonly string[] Stemmed = ["en", "it", "de"];
    public static readonly string[] All = [.. Stemmed, Neutral];

    public static string Config(string language) => language switch
    {
        "en" => "english",
        "it" => "italian",
        "de" => "german",
        _ => "simple",
    };

    /// <summary>"" stays "" (keep the language the post was indexed with); a language without stemming is neutral only.</summary>
    public static string Code(string language) => language.Length == 0 ? "" : Stemmed.Contains(language) ? language : Neutral;

    /// <summary>Accents folded for the neutral column, as Lucene's ASCII folding does: "Häuser" is found by "hauser".</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            if (c == 'ß') sb.Append("ss");
            else sb.Append(c);
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}

internal static class Sql
{
    /// <summary>
    /// Adds or replaces posts, given as parallel arrays. An empty language keeps the row's language (an anonymized
    /// post has no member any more), else the default ($13). A first post's title is in its body columns too.
    /// </summary>
    public const string Upsert = """
        INSERT INTO search_posts AS s (post_id, topic_id, category_id, is_first, author_id, author_name, lang, created_at, text,
            body_en, body_it, body_de, body_std, title_en, title_it, title_de, title_std)
        SELECT d.post_id, d.topic_id, d.category_id, d.is_first, d.author_id, d.author_name, l.lang, d.created_at, d.text,
            CASE WHEN l.lang = 'en' THEN to_tsvector('english', d.title || ' ' || d.text) END,
            CASE WHEN l.lang = 'it' THEN to_tsvector('italian', d.title || ' ' || d.text) END,
            CASE WHEN l.lang = 'de' THEN to_tsvector('german', d.title || ' ' || d.text) END,
            to_tsvector('simple', d.title_folded || ' ' || d.text_folded),
            CASE WHEN d.is_first AND l.lang = 'en' THEN to_tsvector('english', d.title) END,
            CASE WHEN d.is_first AND l.lang = 'it' THEN to_tsvector('italian', d.title) END,
            CASE WHEN d.is_first AND l.lang = 'de' THEN to_tsvector('german', d.title) END,
            CASE WHEN d.is_first THEN to_tsvector('simple', d.title_folded) END
        FROM unnest($1::int[], $2::int[], $3::int[], $4::boolean[], $5::text[], $6::text[], $7::text[], $8::timestamptz[],
                    $9::text[], $10::text[], $11::text[], $12::text[])
             AS d(post_id, topic_id, category_id, is_first, author_id, author_name, lang, created_at, text, title, text_folded, title_folded)
        CROSS JOIN LATERAL (SELECT coalesce(nullif(d.lang, ''), (SELECT o.lang FROM search_posts o WHERE o.post_id = d.post_id), $13) AS lang) l
        ON CONFLICT (post_id) DO UPDATE SET
            topic_id = EXCLUDED.topic_id, category_id = EXCLUDED.category_id, is_first = EXCLUDED.is_first,
            author_id = EXCLUDED.author_id, author_name = EXCLUDED.author_name, lang = EXCLUDED.lang,
            created_at = EXCLUDED.created_at, text = EXCLUDED.text,
            body_en = EXCLUDED.body_en, body_it = EXCLUDED.body_it, body_de = EXCLUDED.body_de, body_std = EXCLUDED.body_std,
            title_en = EXCLUDED.title_en, title_it = EXCLUDED.title_it, title_de = EXCLUDED.title_de, title_std = EXCLUDED.title_std
        """;
}
