using ForumServer.Core.Forum;
using ForumServer.Storage.LiteDb;
using LiteDB;

namespace ForumServer.Core.Tests.Storage;

/// <summary>
/// The hot-path queries of the LiteDB forum store read one index in index order: LiteDB's plan has no ORDER BY
/// step (which would run SortService and its sort buffers).
/// </summary>
public sealed class LiteDbQueryPlanTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ForumDatabase _db;
    private readonly LiteForumStore _store;

    public LiteDbQueryPlanTests()
    {
        _db = new ForumDatabase(Path.Combine(_folder.Path, "forum.db"));
        _store = new LiteForumStore(_db);
    }

    public void Dispose()
    {
        _db.Dispose();
        _folder.Dispose();
    }

    private static void AssertIndexOrder(BsonDocument plan, string indexExpression, bool range = true)
    {
        Assert.False(plan.ContainsKey("orderBy"), $"sorts in memory: {plan}");
        Assert.Equal(indexExpression, plan["index"]["expr"].AsString);
        if (!range) return;
        Assert.StartsWith("INDEX RANGE SCAN", plan["index"]["mode"].AsString);
        Assert.False(plan.ContainsKey("filters"), $"reads past the range: {plan}");
    }

    [Fact]
    public void Topic_page_reads_the_position_index_in_order() =>
        AssertIndexOrder(_store.PostsOfTopic(7, 21, 40).GetPlan(), "$.TopicPosition");

    [Fact]
    public void Category_page_reads_the_activity_index_in_order()
    {
        var (from, to) = ForumKeys.CategoryRange(3);
        var plan = _store.TopicsOfCategory(from, to).GetPlan();
        AssertIndexOrder(plan, "$.CategoryActivity");
        Assert.Equal(-1, plan["index"]["order"].AsInt32);
    }

    [Fact]
    public void Posts_by_ids_seek_the_id_index()
    {
        var plan = _db.Posts.Query().Where("_id IN @0", new BsonArray(new BsonValue(4), new BsonValue(9))).GetPlan();
        Assert.Equal("$._id", plan["index"]["expr"].AsString);
        Assert.StartsWith("INDEX SEEK", plan["index"]["mode"].AsString);
    }

    [Fact]
    public void Front_page_reads_the_last_activity_index_in_order() =>
        AssertIndexOrder(_store.RecentTopics().GetPlan(), "$.LastPostAt", range: false);

    [Fact]
    public void The_old_topic_page_query_sorted_in_memory()
    {
        // The query these replace: TopicId has an index, so it wins and ORDER BY Number sorts (the profile's hot spot).
        var plan = _db.Posts.Query().Where(p => p.TopicId == 7 && p.Number > 20 && p.Number <= 40).OrderBy(p => p.Number).GetPlan();
        Assert.True(plan.ContainsKey("orderBy"));
    }
}
