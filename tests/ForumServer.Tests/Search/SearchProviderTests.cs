using ForumServer.Core.Search;
using ForumServer.Search;
using ForumServer.Storage.PostgreSql.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace ForumServer.Tests.Search;

/// <summary>Search:Provider picks the index; an operator's mistake is refused at start with the reason.</summary>
public sealed class SearchProviderTests
{
    private static (bool Ok, string Problem, WebApplicationBuilder Builder) Add(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        var ok = builder.TryAddSearch(out var problem);
        return (ok, problem, builder);
    }

    [Fact]
    public void PostgreSql_search_with_LiteDb_storage_is_refused_saying_what_to_change()
    {
        var (ok, problem, _) = Add(new() { ["Search:Provider"] = "PostgreSql" });
        Assert.False(ok);
        Assert.Contains("Set Storage:Provider to PostgreSql, or Search:Provider to Lucene.", problem);
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_the_choices()
    {
        var (ok, problem, _) = Add(new() { ["Search:Provider"] = "Solr" });
        Assert.False(ok);
        Assert.Equal("Search:Provider is \"Solr\"; it is Lucene or PostgreSql.", problem);
    }

    [Fact]
    public void PostgreSql_storage_searches_PostgreSql_unless_told_otherwise()
    {
        var (ok, _, builder) = Add(new() { ["Storage:Provider"] = "PostgreSql" });
        Assert.True(ok);
        Assert.Equal(typeof(PgSearchIndex), builder.Services.Last(d => d.ServiceType == typeof(ISearchIndex)).ImplementationType);

        var (luceneOk, _, lucene) = Add(new() { ["Storage:Provider"] = "PostgreSql", ["Search:Provider"] = "Lucene" });
        Assert.True(luceneOk);
        Assert.Null(lucene.Services.Last(d => d.ServiceType == typeof(ISearchIndex)).ImplementationType);
    }
}
