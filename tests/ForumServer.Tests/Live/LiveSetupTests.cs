using ForumServer.Live;
using ForumServer.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;

namespace ForumServer.Tests.Live;

public sealed class LiveSetupTests
{
    [Fact]
    public void Live_updates_stay_in_process_unless_a_Redis_backplane_is_configured()
    {
        using (var single = new ForumApp())
            Assert.IsType<DefaultHubLifetimeManager<ForumHub>>(single.Service<HubLifetimeManager<ForumHub>>());

        // StackExchange.Redis connects on first use, so no Redis server is needed to see the switch take effect.
        using var scaledOut = new ForumApp(new() { ["Live:RedisConnectionString"] = "127.0.0.1:1,abortConnect=false" });
        Assert.IsType<RedisHubLifetimeManager<ForumHub>>(scaledOut.Service<HubLifetimeManager<ForumHub>>());
    }
}
