using System.Globalization;
using ForumServer.Core.Localization;
using ForumServer.Core.Search;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Directory = Lucene.Net.Store.Directory;

namespace ForumServer.Search.Lucene;

/// <summary>
/// The embedded search index: one <see cref="IndexWriter"/> per process over a folder, near-real-time readers
/// from a <see cref="SearcherManager"/>. A search after a write refreshes the reader first, so removals and
/// edits show at once; commits (durability) happen on the host's timer and at shutdown.
/// </summary>
public sealed class LuceneSearchIndex : ISearchIndex, IDisposable
{
    /// <summary>Raise when the fields or analyzers change: an index of another version is rebuilt at start.</summary>
    /// <remarks>
    /// 2: a first post's title is also in its text fields, so a word is one clause per language, not two.
    /// 3: ids, language and excerpt text are doc values, read per hit without decompressing stored-field blocks.
    /// 4: text fields keep each term's character offsets, so excerpts are marked without analysing the post again.
    /// 5: a post is in its language's fields only (the neutral ones hold posts of other languages); English and
    /// Italian fold accents as the neutral field does.
    /// </remarks>
    public const int SchemaVersion = 5;

    private const string SchemaKey = "forum.schema";
    private const string CompleteKey = "forum.complete";
    private const int MaxAnalyzedChars = 100_000;

    private const string PostField = "post", TopicField = "topic", CategoryField = "category", FirstField = "first";
    private const string AuthorField = "author", AuthorNameField = "author_name", CreatedField = "created", CreatedSortField = "created_sort";
    private const string LanguageField = "lang", ExcerptTextField = "excerpt_text";
    private const string PostValueField = "post_value", TopicValueField = "topic_value";

    private static readonly string[] AllLanguages = [.. ForumAnalyzers.Languages, ForumAnalyzers.Neutral];

    /// <summary>Every value of a text field (post and title alike: a field has one kind) keeps its terms' offsets.</summary>
    private static readonly FieldType TextWithOffsets = new(global::Lucene.Net.Documents.TextField.TYPE_NOT_STORED)
    {
        IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS,
    };

    private readonly string _folder;
    private readonly Directory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly Dictionary<string, Analyzer> _analyzers = AllLanguages.ToDictionary(l => l, ForumAnalyzers.For);
    private readonly System.Threading.Lock _refreshLock = new();
    private readonly System.Threading.Lock _commitLock = new();
    private long _written, _refreshed, _committed;
    private volatile bool _complete;
    private int _disposed;

    public LuceneSearchIndex(string folder)
    {
        _folder = folder;
        System.IO.Directory.CreateDirectory(folder);
        _directory = FSDirectory.Open(folder);
        var current = IsCurrent(_directory);
        NeedsRebuild = !current;
        _complete = current;

        var perField = new PerFieldAnalyzerWrapper(_analyzers[ForumAnalyzers.Neutral],
            AllLanguages.SelectMany(l => new[] { (TextField(l), _analyzers[l]), (TitleField(l), _analyzers[l]) })
                .ToDictionary(p => p.Item1, p => p.Item2));
        var config = new IndexWriterConfig(ForumAnalyzers.Version, perField)
        {
            OpenMode = current ? OpenMode.APPEND : OpenMode.CREATE,
            RAMBufferSizeMB = 32,
        };
        _writer = new IndexWriter(_directory, config);
        if (!current) Commit();
        _searchers = new SearcherManager(_writer, true, null);
    }

    public bool NeedsRebuild { get; }

    public Task IndexAsync(IReadOnlyList<SearchDocument> documents, CancellationToken cancellationToken = default)
    {
        foreach (var document in documents)
        {
            var language = document.Language.Length > 0 ? document.Language : IndexedLanguageOf(document.PostId) ?? Texts.DefaultLanguage;
            _writer.UpdateDocument(new Term(PostField, Id(document.PostId)), ToLucene(document, language));
        }
        Changed();
        return Task.CompletedTask;
    }

    public Task RemovePostsAsync(IReadOnlyList<int> postIds, CancellationToken cancellationToken = default)
    {
        if (postIds.Count == 0) return Task.CompletedTask;
        _writer.DeleteDocuments(postIds.Select(id => new Term(PostField, Id(id))).ToArray());
        Changed();
        return Task.CompletedTask;
    }

    public Task RemoveTopicAsync(int topicId, CancellationToken cancellationToken = default)
    {
        _writer.DeleteDocuments(new Term(TopicField, Id(topicId)));
        Changed();
        return Task.CompletedTask;
    }

    public Task ClearAsync(CancellationToken cancellationToken = default)
    {
        _complete = false;
        _writer.DeleteAll();
        Changed();
        return Task.CompletedTask;
    }

    public Task FlushAsync(bool rebuilt = false, CancellationToken cancellationToken = default)
    {
        if (rebuilt)
        {
            _complete = true;
            // A rebuild leaves a dozen segments; every query pays per segment (term lookups, scorers), so merge them once.
            _writer.ForceMerge(1);
        }
        if (rebuilt || Volatile.Read(ref _written) != Volatile.Read(ref _committed)) Commit();
        return Task.CompletedTask;
    }

    public Task<SearchHits> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        EnsureFresh();
        var searcher = _searchers.Acquire();
        try
        {
            var marked = new Dictionary<string, List<string>>();
            var (text, filters) = Build(request, marked);
            var query = filters is null ? text : new FilteredQuery(text, new QueryWrapperFilter(filters));
            var wanted = Math.Max(1, request.Skip + request.Take);
            var byDate = request.Order == SearchOrder.Newest || !request.Query.HasTextTerms;
            var top = byDate ? Newest(searcher, query, wanted) : searcher.Search(query, wanted);

            var page = top.ScoreDocs.Skip(request.Skip).ToArray();
            var hits = new SearchHit[page.Length];
            var excerpter = new Excerpter(this, text, request.Query.Phrases.Count > 0, marked);
            var leaves = searcher.IndexReader.Leaves;
            var bytes = new BytesRef();
            // In document order, so that each term's positions are read forward once for the whole page.
            foreach (var i in Enumerable.Range(0, page.Length).OrderBy(i => page[i].Doc))
            {
                var leaf = leaves[ReaderUtil.SubIndex(page[i].Doc, leaves)];
                var reader = leaf.AtomicReader;
                var doc = page[i].Doc - leaf.DocBase;
                var postId = (int)reader.GetNumericDocValues(PostValueField).Get(doc);
                var topicId = (int)reader.GetNumericDocValues(TopicValueField).Get(doc);
                reader.GetSortedDocValues(LanguageField).Get(doc, bytes);
                var language = bytes.Utf8ToString();
                reader.GetBinaryDocValues(ExcerptTextField).Get(doc, bytes);
                hits[i] = new SearchHit(postId, topicId, excerpter.Excerpt(leaf, doc, language, bytes.Utf8ToString()));
            }
            return Task.FromResult(new SearchHits(top.TotalHits, hits));
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private static TopDocs Newest(IndexSearcher searcher, Query query, int wanted)
    {
        var newest = new NewestCollector(CreatedSortField, wanted);
        searcher.Search(query, newest);
        return new TopDocs(newest.TotalHits, newest.ScoreDocs(), float.NaN);
    }

    public SearchIndexStats Stats()
    {
        EnsureFresh();
        var searcher = _searchers.Acquire();
        try
        {
            var size = new DirectoryInfo(_folder).EnumerateFiles().Sum(f => f.Length);
            return new SearchIndexStats(searcher.IndexReader.NumDocs, size);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Commits and closes; the container may call it twice (the index is registered under two types).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Commit();
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        foreach (var analyzer in _analyzers.Values) analyzer.Dispose();
    }

    private static string TextField(string language) => "text_" + language;
    private static string TitleField(string language) => "title_" + language;
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static bool IsCurrent(Directory directory)
    {
        try
        {
            if (!DirectoryReader.IndexExists(directory)) return false;
            var data = DirectoryReader.ListCommits(directory).Last().UserData;
            return data.TryGetValue(SchemaKey, out var schema) && schema == Id(SchemaVersion)
                && data.TryGetValue(CompleteKey, out var complete) && complete == "true";
        }
        catch (IOException)
        {
            return false; // unreadable (corrupt or half-written): it is built anew
        }
    }

    private void Commit()
    {
        lock (_commitLock)
        {
            var written = Volatile.Read(ref _written);
            _writer.SetCommitData(new Dictionary<string, string>
            {
                [SchemaKey] = Id(SchemaVersion),
                [CompleteKey] = _complete ? "true" : "false",
            });
            _writer.Commit();
            Volatile.Write(ref _committed, written);
        }
    }

    private void Changed() => Interlocked.Increment(ref _written);

    /// <summary>Reopens the reader if anything was written since the last reopen; concurrent searches share one reopen.</summary>
    private void EnsureFresh()
    {
        if (Volatile.Read(ref _refreshed) >= Volatile.Read(ref _written)) return;
        lock (_refreshLock)
        {
            var target = Volatile.Read(ref _written);
            if (_refreshed >= target) return;
            _searchers.MaybeRefreshBlocking();
            Volatile.Write(ref _refreshed, target);
        }
    }

    private string? IndexedLanguageOf(int postId)
    {
        EnsureFresh();
        var searcher = _searchers.Acquire();
        try
        {
            var top = searcher.Search(new TermQuery(new Term(PostField, Id(postId))), 1);
            if (top.ScoreDocs.Length == 0) return null;
            var leaves = searcher.IndexReader.Leaves;
            var leaf = leaves[ReaderUtil.SubIndex(top.ScoreDocs[0].Doc, leaves)];
            var language = new BytesRef();
            leaf.AtomicReader.GetSortedDocValues(LanguageField).Get(top.ScoreDocs[0].Doc - leaf.DocBase, language);
            return language.Utf8ToString();
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private static Document ToLucene(SearchDocument d, string indexLanguage)
    {
        var language = ForumAnalyzers.Languages.Contains(indexLanguage) ? indexLanguage : ForumAnalyzers.Neutral;
        var text = Excerpts.Clean(d.Text);
        var doc = new Document
        {
            new StringField(PostField, Id(d.PostId), Field.Store.NO),
            new StringField(TopicField, Id(d.TopicId), Field.Store.NO),
            new NumericDocValuesField(PostValueField, d.PostId),
            new NumericDocValuesField(TopicValueField, d.TopicId),
            new StringField(CategoryField, Id(d.CategoryId), Field.Store.NO),
            new StringField(AuthorField, d.AuthorId, Field.Store.NO),
            new StringField(AuthorNameField, d.AuthorName.ToLowerInvariant(), Field.Store.NO),
            new Int64Field(CreatedField, d.CreatedAt.UtcTicks, Field.Store.NO),
            new NumericDocValuesField(CreatedSortField, d.CreatedAt.UtcTicks),
            new SortedDocValuesField(LanguageField, new BytesRef(language)),
            new BinaryDocValuesField(ExcerptTextField, new BytesRef(text)),
            // One text field per post, its language's: a query asks every language's field with that language's
            // analyzer, so a second copy in the neutral field only doubled the postings each word is scored over.
            new Field(TextField(language), text, TextWithOffsets),
        };
        if (d.IsFirstPost)
        {
            // The title goes into the text field too (a second value): a plain search asks the text fields only,
            // which halves the clauses every matching post is scored against; the title field serves in:title.
            var title = Excerpts.Clean(d.Title);
            doc.Add(new StringField(FirstField, "1", Field.Store.NO));
            doc.Add(new Field(TextField(language), title, TextWithOffsets));
            doc.Add(new TextField(TitleField(language), title, Field.Store.NO));
        }
        return doc;
    }

    /// <summary>The text query and the filters; <paramref name="marked"/> gets, per field, the terms an excerpt marks.</summary>
    private (Query Text, Query? Filters) Build(SearchRequest request, Dictionary<string, List<string>> marked)
    {
        var q = request.Query;
        var fields = q.TitleOnly ? new[] { "title" } : ["text"];
        var root = new BooleanQuery();
        var positive = 0;
        foreach (var word in q.Words)
        {
            if (Clause(word, fields, marked) is not ({ } clause, var stopWord)) continue;
            root.Add(clause, stopWord ? Occur.SHOULD : Occur.MUST);
            positive++;
        }
        foreach (var phrase in q.Phrases)
        {
            if (Clause(phrase, fields, marked) is not ({ } clause, _)) continue;
            root.Add(clause, Occur.MUST);
            positive++;
        }
        foreach (var excluded in q.Excluded)
            if (Clause(excluded, ["text"], null) is ({ } clause, _)) root.Add(clause, Occur.MUST_NOT);

        if (positive == 0)
        {
            // Filters alone list everything they allow; text that analyzes to nothing (only punctuation) matches nothing.
            if (q.HasTextTerms) return (new BooleanQuery(), null);
            root.Add(new MatchAllDocsQuery(), Occur.MUST);
        }

        var filters = new BooleanQuery();
        if (request.CategoryId is { } category) filters.Add(new TermQuery(new Term(CategoryField, Id(category))), Occur.MUST);
        if (q.AuthorName is { } name)
        {
            var author = new BooleanQuery { { new TermQuery(new Term(AuthorNameField, name.ToLowerInvariant())), Occur.SHOULD } };
            if (request.AuthorId is { } id) author.Add(new TermQuery(new Term(AuthorField, id)), Occur.SHOULD);
            filters.Add(author, Occur.MUST);
        }
        if (q.Before is not null || q.After is not null)
        {
            long? min = q.After is { } after ? Ticks(after.AddDays(1)) : null;
            long? max = q.Before is { } before ? Ticks(before) : null;
            filters.Add(NumericRangeQuery.NewInt64Range(CreatedField, min, max, true, false), Occur.MUST);
        }
        if (q.TitleOnly) filters.Add(new TermQuery(new Term(FirstField, "1")), Occur.MUST);
        return (root, filters.Clauses.Count == 0 ? null : filters);
    }

    private static long Ticks(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks;

    /// <summary>
    /// One word or phrase asked of every language field of the given kinds. A word that some language drops as a
    /// stop word does not have to match (it would otherwise exclude posts in that language).
    /// </summary>
    private (Query?, bool StopWord) Clause(string text, string[] kinds, Dictionary<string, List<string>>? marked)
    {
        var any = new BooleanQuery();
        var stopWord = false;
        foreach (var kind in kinds)
            foreach (var language in AllLanguages)
            {
                var field = kind + "_" + language;
                var terms = ForumAnalyzers.Terms(_analyzers[language], field, text);
                if (terms.Count == 0)
                {
                    if (language != ForumAnalyzers.Neutral) stopWord = true;
                    continue;
                }
                if (marked is not null)
                {
                    if (!marked.TryGetValue(field, out var list)) marked[field] = list = [];
                    foreach (var (term, _) in terms)
                        if (!list.Contains(term)) list.Add(term);
                }
                if (terms.Count == 1)
                {
                    any.Add(new TermQuery(new Term(field, terms[0].Term)), Occur.SHOULD);
                    continue;
                }
                var phrase = new PhraseQuery();
                foreach (var (term, position) in terms) phrase.Add(new Term(field, term), position);
                any.Add(phrase, Occur.SHOULD);
            }
        return any.Clauses.Count == 0 ? (null, false) : (any, stopWord);
    }

    /// <summary>
    /// The best passages of a post with the matched words marked, from its language's field.
    /// Words are found from the offsets the index keeps with each term (<see cref="ExcerptWindows"/>); only a phrase
    /// needs Lucene's span highlighter, which analyses the hit again to find where the words stand next to each other.
    /// Hits are asked in document order: each term's positions are then one forward pass per segment.
    /// </summary>
    private sealed class Excerpter(LuceneSearchIndex index, Query query, bool hasPhrases, Dictionary<string, List<string>> marked)
    {
        private readonly Dictionary<(int Leaf, string Field, int Term), DocsAndPositionsEnum?> _positions = [];

        public IReadOnlyList<ExcerptPart> Excerpt(AtomicReaderContext leaf, int doc, string language, string text)
        {
            var field = TextField(language);
            if (hasPhrases)
            {
                var fragments = PhraseHighlighter(field).GetBestFragments(index._analyzers[language].GetTokenStream(field, text), text, ExcerptWindows.Windows);
                if (fragments.Length > 0) return Excerpts.Parse(string.Join(" … ", fragments.Select(f => f.Trim())));
            }
            else if (marked.TryGetValue(field, out var terms))
            {
                var matches = Matches(leaf, doc, field, terms, text.Length);
                if (matches.Count > 0) return ExcerptWindows.Mark(text, matches, terms.Count);
            }
            return Excerpts.Lead(text);
        }

        /// <summary>Where each term stands in the post's text; offsets past its end belong to the title (a second value).</summary>
        private List<TextMatch> Matches(AtomicReaderContext leaf, int doc, string field, List<string> terms, int textLength)
        {
            var matches = new List<TextMatch>();
            for (var t = 0; t < terms.Count; t++)
            {
                var key = (leaf.Ord, field, t);
                if (!_positions.TryGetValue(key, out var positions))
                    _positions[key] = positions = leaf.AtomicReader.GetTermPositionsEnum(new Term(field, terms[t]));
                if (positions is null) continue;
                if (positions.DocID < doc) positions.Advance(doc);
                if (positions.DocID != doc) continue;
                for (var i = positions.Freq; i > 0; i--)
                {
                    positions.NextPosition();
                    if (positions.StartOffset >= 0 && positions.EndOffset <= textLength) matches.Add(new TextMatch(positions.StartOffset, positions.EndOffset, t));
                }
            }
            return matches;
        }

        private Highlighter PhraseHighlighter(string field)
        {
            var formatter = new SimpleHTMLFormatter(Excerpts.MatchStart.ToString(), Excerpts.MatchEnd.ToString());
            var spans = new QueryScorer(query, field);
            return new Highlighter(formatter, spans) { TextFragmenter = new SimpleSpanFragmenter(spans, ExcerptWindows.WindowChars), MaxDocCharsToAnalyze = MaxAnalyzedChars };
        }
    }
}
