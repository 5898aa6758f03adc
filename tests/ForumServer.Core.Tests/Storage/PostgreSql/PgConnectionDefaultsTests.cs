using ForumServer.Storage.PostgreSql;
using Npgsql;

namespace ForumServer.Core.Tests.Storage.PostgreSql;

public sealed class PgConnectionDefaultsTests
{
    [Fact]
    public void A_plain_connection_string_gets_a_pool_without_reset_and_prepared_statements()
    {
        var settings = new NpgsqlConnectionStringBuilder(PgDatabase.WithForumDefaults("Host=db.example;Username=forum;Database=forum"));

        Assert.True(settings.NoResetOnClose);
        Assert.Equal(64, settings.MaxAutoPrepare);
        Assert.Equal(2, settings.AutoPrepareMinUsages);
        Assert.Equal("db.example", settings.Host);
        Assert.Equal("forum", settings.Database);
    }

    [Fact]
    public void What_the_operator_wrote_in_the_connection_string_wins()
    {
        var settings = new NpgsqlConnectionStringBuilder(
            PgDatabase.WithForumDefaults("Host=db.example;Username=forum;no reset on close=false;MaxAutoPrepare=0"));

        Assert.False(settings.NoResetOnClose);
        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.Equal(2, settings.AutoPrepareMinUsages);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_with_the_reason()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => PgDatabase.WithForumDefaults("Host=db.example;Max Auto Prepare=many"));
        Assert.Contains("many", error.Message + error.InnerException?.Message, StringComparison.OrdinalIgnoreCase);
    }
}
