using ForumServer.Core.Search;

namespace ForumServer.Core.Tests.Search;

/// <summary>
/// What every <see cref="ISearchIndex"/> must do: languages, query language, filters, removal, reopening. One subclass per
/// index (Lucene on a real folder, PostgreSQL on a fresh schema of the test server).
/// </summary>
public abstract class SearchIndexContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Day = new(2024, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private ISearchIndex? _index;

    protected ISearchIndex Index => _index ?? throw new InvalidOperationException("The index is not open.");

    /// <summary>A new, empty index.</summary>
    protected abstract Task<ISearchIndex> CreateAsync();

    /// <summary>Closes the index and opens it again over the same storage, as a server restart does.</summary>
    protected abstract Task<ISearchIndex> ReopenAsync(ISearchIndex index);

    protected abstract Task DisposeStorageAsync();

    public async Task InitializeAsync() => _index = await CreateAsync();

    public async Task DisposeAsync()
    {
        (_index as IDisposable)?.Dispose();
        await DisposeStorageAsync();
    }

    private static SearchDocument Doc(int id, string text, string language = "en", int topic = 0, int category = 1,
        string author = "a1", string authorName = "Ada", string title = "A topic", bool first = false, int daysAgo = 0) =>
        new(id, topic == 0 ? id : topic, category, first, author, authorName, language, title, text, Day.AddDays(-daysAgo));

    private async Task<int[]> FindAsync(string text, int? category = null, string? authorId = null, SearchOrder order = SearchOrder.Relevance)
    {
        var query = SearchQueryParser.Parse(text).Query!;
        var hits = await Index.SearchAsync(new SearchRequest(query, category, authorId, order, 0, 20));
        return hits.Hits.Select(h => h.PostId).ToArray();
    }

    private static void Same(int[] expected, int[] actual) => Assert.Equal(expected, actual);

    [Theory]
    [InlineData("en", "How do I install the printer driver?", "installing")]
    [InlineData("en", "Installing it took all night.", "install")]
    [InlineData("it", "Come installare il driver della stampante?", "Installazione")]
    [InlineData("it", "L'installazione è andata bene.", "installare")]
    [InlineData("de", "Die Häuser am See sind teuer.", "Haus")]
    [InlineData("de", "Wir haben den Drucker installiert.", "Druckern")]
    public async Task Each_language_finds_other_forms_of_a_word(string language, string text, string query)
    {
        await Index.IndexAsync([Doc(1, text, language), Doc(2, "Something else entirely.", language)]);
        Same([1], await FindAsync(query));
    }

    [Fact]
    public async Task Stemming_follows_the_authors_language_and_the_neutral_field_still_finds_the_exact_word()
    {
        // An English post does not get Italian stemming: "installare" only finds the Italian one.
        await Index.IndexAsync([Doc(1, "Come installare il driver", "it"), Doc(2, "How to install the driver", "en")]);
        Same([1], await FindAsync("installazione"));
        Same([2], await FindAsync("installing"));
        Same([1, 2], (await FindAsync("driver")).Order().ToArray());
    }

    [Fact]
    public async Task A_post_whose_author_is_gone_keeps_the_language_it_was_indexed_with()
    {
        await Index.IndexAsync([Doc(1, "Come installare il driver", "it")]);
        await Index.IndexAsync([Doc(1, "Come installare il driver", "", author: "former-1", authorName: "former member")]);
        Same([1], await FindAsync("installazione"));
        Same([1], await FindAsync("installazione author:\"former member\""));
    }

    [Fact]
    public async Task All_words_must_match_and_stop_words_do_not_exclude()
    {
        await Index.IndexAsync([Doc(1, "printer driver crash"), Doc(2, "printer works"), Doc(3, "stampante il driver", "it")]);
        Same([1], await FindAsync("printer crash"));
        Same([1], await FindAsync("the printer crash"));
        Same([3], await FindAsync("il stampante"));
    }

    [Fact]
    public async Task Phrase_matches_words_in_order_and_exclusion_drops_posts()
    {
        await Index.IndexAsync([Doc(1, "the driver was not found today"), Doc(2, "not the driver you found"), Doc(3, "driver found on windows")]);
        Same([1], await FindAsync("\"driver was not found\""));
        Same([1, 2], (await FindAsync("driver found -windows")).Order().ToArray());
        Same([1], await FindAsync("driver -\"you found\" -windows"));
    }

    [Fact]
    public async Task Filters_narrow_by_category_author_dates_and_title()
    {
        await Index.IndexAsync(
        [
            Doc(1, "backup question", category: 1, author: "a1", authorName: "Ada", daysAgo: 10, first: true, title: "Backups"),
            Doc(2, "backup answer", category: 2, author: "b2", authorName: "Bob", daysAgo: 5),
            Doc(3, "backup again", category: 2, author: "former member", authorName: "former member", daysAgo: 1),
        ]);
        Same([2, 3], (await FindAsync("backup", category: 2)).Order().ToArray());
        Same([2], await FindAsync("backup author:Bob", authorId: "b2"));
        Same([3], await FindAsync("backup author:\"Former Member\""));
        Assert.Empty(await FindAsync("backup author:Nobody"));
        // Day is 2024-03-10: posts on 02-29 (1), 03-05 (2), 03-09 (3). before/after exclude the day itself.
        Same([1], await FindAsync("backup before:2024-03-05"));
        Same([3], await FindAsync("backup after:2024-03-05"));
        Same([2], await FindAsync("after:2024-03-04 before:2024-03-06"));
        Same([1], await FindAsync("backups in:title"));
        Assert.Empty(await FindAsync("answer in:title"));
    }

    [Fact]
    public async Task Newest_order_and_filter_only_queries_sort_by_date()
    {
        await Index.IndexAsync([Doc(1, "disk full", daysAgo: 3), Doc(2, "disk full disk full disk", daysAgo: 9), Doc(3, "disk", daysAgo: 1)]);
        Same([3, 1, 2], await FindAsync("disk", order: SearchOrder.Newest));
        Same([3, 1, 2], await FindAsync("before:2025-01-01"));
    }

    [Fact]
    public async Task Removed_posts_and_topics_are_gone_from_the_next_search()
    {
        await Index.IndexAsync([Doc(1, "secret plan", topic: 7), Doc(2, "secret plan reply", topic: 7), Doc(3, "secret elsewhere", topic: 8)]);
        Assert.Equal(3, (await FindAsync("secret")).Length);
        await Index.RemovePostsAsync([3]);
        Same([1, 2], (await FindAsync("secret")).Order().ToArray());
        await Index.RemoveTopicAsync(7);
        Assert.Empty(await FindAsync("secret"));
    }

    [Fact]
    public async Task Excerpt_marks_the_matched_words_and_keeps_text_as_text()
    {
        await Index.IndexAsync([Doc(1, "Before <b>it</b> we were installing the printer & scanner.")]);
        var query = SearchQueryParser.Parse("install").Query!;
        var hit = Assert.Single((await Index.SearchAsync(new SearchRequest(query, null, null, SearchOrder.Relevance, 0, 20))).Hits);
        Assert.Equal(["installing"], hit.Excerpt.Where(p => p.IsMatch).Select(p => p.Text));
        Assert.Equal("Before <b>it</b> we were installing the printer & scanner.", string.Concat(hit.Excerpt.Select(p => p.Text)));
    }

    [Fact]
    public async Task A_post_of_the_largest_size_is_found_and_excerpted_where_it_matches()
    {
        var filler = string.Concat(Enumerable.Repeat("plain filler words go here. ", 2_200)); // ~60 KB, near the 64 KiB post limit
        await Index.IndexAsync([Doc(1, filler + "the needle sits at the end")]);
        var query = SearchQueryParser.Parse("needle").Query!;
        var hit = Assert.Single((await Index.SearchAsync(new SearchRequest(query, null, null, SearchOrder.Relevance, 0, 20))).Hits);
        Assert.Equal(["needle"], hit.Excerpt.Where(p => p.IsMatch).Select(p => p.Text));
    }

    [Theory]
    [InlineData("a AND (b")]
    [InlineData("\"unbalanced")]
    [InlineData("*:* OR title:x~2 ^3 [a TO z] \\")]
    [InlineData("((( )))")]
    [InlineData("-\"\" ---")]
    public async Task Operator_characters_never_throw(string text)
    {
        await Index.IndexAsync([Doc(1, "a b title x")]);
        if (SearchQueryParser.Parse(text).Query is { } query)
            await Index.SearchAsync(new SearchRequest(query, null, null, SearchOrder.Relevance, 0, 20));
    }

    [Fact]
    public async Task Title_words_find_the_first_post_and_in_title_finds_only_titles()
    {
        await Index.IndexAsync([Doc(1, "the body says nothing", first: true, title: "Printer offline", topic: 5), Doc(2, "a reply about paper", topic: 5, title: "Printer offline")]);
        Same([1], await FindAsync("printer"));
        Same([1], await FindAsync("offline nothing"));
        Same([1], await FindAsync("printer in:title"));
        Assert.Empty(await FindAsync("paper in:title"));
        Same([2], await FindAsync("paper -printer"));
    }

    [Fact]
    public async Task Indexing_a_post_again_replaces_its_words_and_excerpt()
    {
        await Index.IndexAsync([Doc(1, "the old wording about routers")]);
        await Index.IndexAsync([Doc(1, "the new wording about switches")]);
        Assert.Empty(await FindAsync("routers"));
        var query = SearchQueryParser.Parse("switches").Query!;
        var hit = Assert.Single((await Index.SearchAsync(new SearchRequest(query, null, null, SearchOrder.Relevance, 0, 20))).Hits);
        Assert.Equal(["switches"], hit.Excerpt.Where(p => p.IsMatch).Select(p => p.Text));
        Assert.DoesNotContain("routers", string.Concat(hit.Excerpt.Select(p => p.Text)));
    }

    [Fact]
    public async Task Total_counts_every_match_and_pages_skip()
    {
        await Index.IndexAsync([.. Enumerable.Range(1, 25).Select(i => Doc(i, "widget number " + i, daysAgo: i))]);
        var query = SearchQueryParser.Parse("widget").Query!;
        var second = await Index.SearchAsync(new SearchRequest(query, null, null, SearchOrder.Newest, 20, 20));
        Assert.Equal(25, second.Total);
        Assert.Equal([21, 22, 23, 24, 25], second.Hits.Select(h => h.PostId));
    }

    [Fact]
    public async Task Reopened_index_keeps_committed_posts_and_a_fresh_or_unfinished_index_asks_for_a_rebuild()
    {
        Assert.True(Index.NeedsRebuild);
        await Index.IndexAsync([Doc(1, "persisted words")]);
        await Index.FlushAsync(rebuilt: true);
        _index = await ReopenAsync(Index);
        Assert.False(Index.NeedsRebuild);
        Same([1], await FindAsync("persisted"));
        Assert.Equal(1, Index.Stats().Documents);
        Assert.True(Index.Stats().SizeBytes > 0);

        // A rebuild cut short (cleared, never finished) is redone at the next start.
        await Index.ClearAsync();
        await Index.FlushAsync();
        _index = await ReopenAsync(Index);
        Assert.True(Index.NeedsRebuild);
    }
}

