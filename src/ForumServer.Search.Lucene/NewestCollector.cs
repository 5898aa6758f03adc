using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ForumServer.Search.Lucene;

/// <summary>
/// The newest <c>wanted</c> matches and how many there are, from each segment's creation times held in an array.
/// Lucene's sorting collector read the compressed doc values through its comparator for every match, which made a
/// newest-first search over common words cost five times its relevance twin.
/// </summary>
internal sealed class NewestCollector(string createdField, int wanted) : ICollector
{
    /// <summary>Creation times per segment, loaded once: a segment never changes, and dies with its core.</summary>
    private static readonly ConditionalWeakTable<object, long[]> Created = new();

    private readonly PriorityQueue<int, (long Created, int NegativeDoc)> _newest = new();
    private long[] _created = [];
    private int _docBase;

    public int TotalHits { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        _docBase = context.DocBase;
        var reader = context.AtomicReader;
        _created = Created.GetValue(reader.CoreCacheKey, _ => Load(reader, createdField));
    }

    public void Collect(int doc)
    {
        TotalHits++;
        var global = _docBase + doc;
        // Newest first; of two posts from the same tick, the one indexed first (as Lucene's sort breaks ties).
        var key = (_created[doc], -global);
        if (_newest.Count < wanted) _newest.Enqueue(global, key);
        else if (_newest.TryPeek(out _, out var worst) && key.CompareTo(worst) > 0) _newest.EnqueueDequeue(global, key);
    }

    /// <summary>The collected documents, newest first.</summary>
    public ScoreDoc[] ScoreDocs()
    {
        var docs = new ScoreDoc[_newest.Count];
        for (var i = docs.Length - 1; i >= 0; i--) docs[i] = new ScoreDoc(_newest.Dequeue(), float.NaN);
        return docs;
    }

    private static long[] Load(AtomicReader reader, string field)
    {
        var values = reader.GetNumericDocValues(field);
        var created = new long[reader.MaxDoc];
        if (values is null) return created;
        for (var doc = 0; doc < created.Length; doc++) created[doc] = values.Get(doc);
        return created;
    }
}
