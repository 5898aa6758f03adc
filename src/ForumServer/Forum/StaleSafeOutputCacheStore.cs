using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ForumServer.Forum;

/// <summary>
/// Wraps the output cache store so that a page rendered before an eviction of one of its tags is never kept after
/// it. Without this, a reader whose render read the posts just before a reply was stored, and whose response is
/// stored just after that reply evicted the topic's pages, would leave the old page in the cache for its whole
/// lifetime. Evictions are numbered; <see cref="ForumPageCache"/> notes the number when a request starts, and a store
/// whose tags were evicted since is skipped, or evicted again when the eviction ran while it was being written.
/// </summary>
public sealed class StaleSafeOutputCacheStore(IOutputCacheStore inner, IHttpContextAccessor requests) : IOutputCacheStore
{
    private const int Stripes = 4096; // tags share a slot by hash: a collision only skips a store, never keeps a stale one
    private static readonly object StartKey = new();
    private readonly long[] _lastEviction = new long[Stripes];
    private long _evictions;

    /// <summary>Called when a cacheable request starts, before it reads anything it renders.</summary>
    public void NoteRequestStart(HttpContext context) => context.Items[StartKey] = Volatile.Read(ref _evictions);

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _evictions);
        ref var slot = ref _lastEviction[Slot(tag)];
        long seen;
        do seen = Volatile.Read(ref slot);
        while (seen < number && Interlocked.CompareExchange(ref slot, number, seen) != seen);
        return inner.EvictByTagAsync(tag, cancellationToken);
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (tags is null || requests.HttpContext?.Items[StartKey] is not long start)
        {
            await inner.SetAsync(key, value, tags, validFor, cancellationToken);
            return;
        }
        if (EvictedSince(tags, start) is not null) return;
        await inner.SetAsync(key, value, tags, validFor, cancellationToken);
        // An eviction that numbered itself before this check may have run its removal before the entry was written.
        if (EvictedSince(tags, start) is { } evicted) await inner.EvictByTagAsync(evicted, cancellationToken);
    }

    private string? EvictedSince(string[] tags, long start)
    {
        foreach (var tag in tags)
            if (Volatile.Read(ref _lastEviction[Slot(tag)]) > start) return tag;
        return null;
    }

    private static int Slot(string tag) => (int)((uint)StringComparer.Ordinal.GetHashCode(tag) % Stripes);

    /// <summary>Wraps the store registered last (the memory store, or the Redis one when scaled out).</summary>
    public static void WrapRegisteredStore(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(registered);
        services.RemoveAll<StaleSafeOutputCacheStore>();
        services.AddHttpContextAccessor();
        services.AddSingleton(sp => new StaleSafeOutputCacheStore(Create(sp, registered), sp.GetRequiredService<IHttpContextAccessor>()));
        services.AddSingleton<IOutputCacheStore>(sp => sp.GetRequiredService<StaleSafeOutputCacheStore>());
    }

    private static IOutputCacheStore Create(IServiceProvider services, ServiceDescriptor registered) =>
        (IOutputCacheStore)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));
}
