using ForumServer.Core.Search;
using ForumServer.Search.Lucene;

namespace ForumServer.Core.Tests.Search;

/// <summary>The Lucene index on a real folder.</summary>
public sealed class LuceneSearchIndexTests : SearchIndexContract
{
    private readonly TempFolder _folder = new();

    protected override Task<ISearchIndex> CreateAsync() => Task.FromResult<ISearchIndex>(new LuceneSearchIndex(_folder.Path));

    protected override Task<ISearchIndex> ReopenAsync(ISearchIndex index)
    {
        ((LuceneSearchIndex)index).Dispose();
        return CreateAsync();
    }

    [Fact]
    public async Task A_long_post_is_excerpted_where_most_query_words_stand_together()
    {
        var filler = string.Concat(Enumerable.Repeat("plain filler words go here. ", 40));
        var text = "The printer was new. " + filler + "Later the printer driver failed to load. " + filler + "Ask about the driver again.";
        var hit = await OnlyHitAsync(text, "printer driver");

        var excerpt = string.Concat(hit.Excerpt.Select(p => p.Text));
        Assert.Contains("Later the printer driver failed", excerpt.Split(" … ")[0]);
        Assert.Equal(["printer", "driver"], hit.Excerpt.Where(p => p.IsMatch).Select(p => p.Text).Take(2));
        Assert.Contains(" … ", excerpt); // a second passage, apart from the first
        Assert.True(excerpt.Length <= 2 * 160 + 3, $"{excerpt.Length} characters"); // two passages of at most 160 and " … "
        Assert.DoesNotContain("The printer was new", excerpt.Split(" … ")[0]);
    }

    [Fact]
    public async Task A_word_found_only_in_the_title_shows_the_opening_of_the_post()
    {
        await Index.IndexAsync([new SearchDocument(1, 1, 1, true, "a1", "Ada", "en", "Scanner offline", "It stopped this morning.", Day)]);
        var query = SearchQueryParser.Parse("scanner").Query!;
        var hit = Assert.Single((await Index.SearchAsync(new SearchRequest(query, null, null, SearchOrder.Relevance, 0, 20))).Hits);
        Assert.Equal("It stopped this morning.", string.Concat(hit.Excerpt.Select(p => p.Text)));
        Assert.DoesNotContain(hit.Excerpt, p => p.IsMatch);
    }

    [Fact]
    public async Task Every_hit_of_a_page_marks_its_own_text()
    {
        // Ranked by date, not by document order: each excerpt must still come from its own post.
        await Index.IndexAsync([.. Enumerable.Range(1, 30).Select(i => new SearchDocument(i, i, 1, false, "a1", "Ada", i % 2 == 0 ? "en" : "it",
            "A topic", i % 3 == 0 ? $"gadget {i} and widget {i}" : $"widget {i} only", Day.AddDays(i % 7)))]);
        var query = SearchQueryParser.Parse("widget").Query!;
        var hits = (await Index.SearchAsync(new SearchRequest(query, null, null, SearchOrder.Newest, 0, 20))).Hits;
        Assert.Equal(20, hits.Count);
        foreach (var hit in hits)
        {
            Assert.Equal(hit.PostId % 3 == 0 ? $"gadget {hit.PostId} and widget {hit.PostId}" : $"widget {hit.PostId} only", string.Concat(hit.Excerpt.Select(p => p.Text)));
            Assert.Equal(["widget"], hit.Excerpt.Where(p => p.IsMatch).Select(p => p.Text));
        }
    }

    [Fact]
    public async Task Newest_first_spans_segments_breaks_ties_by_indexing_order_and_counts_every_match()
    {
        // Three batches with a search between them: three segments. Times repeat, so ties must be broken.
        var expected = new List<(int Id, DateTimeOffset At)>();
        for (var batch = 0; batch < 3; batch++)
        {
            var docs = Enumerable.Range(batch * 10 + 1, 10)
                .Select(id => new SearchDocument(id, id, 1, false, "a1", "Ada", "en", "A topic", $"widget {id}", Day.AddHours(id * 7 % 12))).ToList();
            await Index.IndexAsync(docs);
            expected.AddRange(docs.Select(d => (d.PostId, d.CreatedAt)));
            await Index.SearchAsync(new SearchRequest(SearchQueryParser.Parse("widget").Query!, null, null, SearchOrder.Newest, 0, 1));
        }
        await Index.IndexAsync([new SearchDocument(99, 99, 1, false, "a1", "Ada", "en", "A topic", "no match here", Day.AddDays(5))]);

        var order = expected.OrderByDescending(e => e.At).ThenBy(e => e.Id).Select(e => e.Id).ToArray();
        var query = SearchQueryParser.Parse("widget").Query!;
        var first = await Index.SearchAsync(new SearchRequest(query, null, null, SearchOrder.Newest, 0, 20));
        var second = await Index.SearchAsync(new SearchRequest(query, null, null, SearchOrder.Newest, 20, 20));
        Assert.Equal(30, first.Total);
        Assert.Equal(order[..20], first.Hits.Select(h => h.PostId));
        Assert.Equal(order[20..], second.Hits.Select(h => h.PostId));
    }

    [Theory]
    [InlineData("en", "We met at the café near the station.", "cafe")]
    [InlineData("it", "La città è bella d'estate.", "citta")]
    [InlineData("de", "Die Straße ist gesperrt.", "strasse")]
    [InlineData("fr", "Le résumé est prêt.", "resume")]
    public async Task Accents_do_not_have_to_be_typed_in_any_language(string language, string text, string search)
    {
        await Index.IndexAsync([new SearchDocument(1, 1, 1, false, "a1", "Ada", language, "A topic", text, Day),
            new SearchDocument(2, 2, 1, false, "a1", "Ada", language, "A topic", "Something else entirely.", Day)]);
        var query = SearchQueryParser.Parse(search).Query!;
        var hit = Assert.Single((await Index.SearchAsync(new SearchRequest(query, null, null, SearchOrder.Relevance, 0, 20))).Hits);
        Assert.Equal(1, hit.PostId);
        Assert.Single(hit.Excerpt, p => p.IsMatch);
    }

    private async Task<SearchHit> OnlyHitAsync(string text, string search)
    {
        await Index.IndexAsync([new SearchDocument(1, 1, 1, false, "a1", "Ada", "en", "A topic", text, Day)]);
        var query = SearchQueryParser.Parse(search).Query!;
        return Assert.Single((await Index.SearchAsync(new SearchRequest(query, null, null, SearchOrder.Relevance, 0, 20))).Hits);
    }

    protected override Task DisposeStorageAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
