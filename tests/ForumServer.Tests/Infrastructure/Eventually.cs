namespace ForumServer.Tests.Infrastructure;

/// <summary>
/// The one way tests wait for something another thread or process does: check a condition until it holds, or fail
/// with what was seen once the deadline passes. Never a fixed sleep: a fast machine goes on at once, a loaded one
/// gets the whole deadline.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);

    /// <summary>Checks <paramref name="probe"/> until it gives a value, and returns that value.</summary>
    public static async Task<T> AwaitedValueAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string> failure, CancellationToken cancellationToken = default)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException(failure());
            await Task.Delay(Step, cancellationToken);
        }
    }

    public static Task<T> ValueAsync<T>(Func<T?> probe, TimeSpan timeout, Func<string> failure) where T : class =>
        AwaitedValueAsync(() => Task.FromResult(probe()), timeout, failure);

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure, CancellationToken cancellationToken = default) =>
        AwaitedValueAsync(async () => await condition() ? "" : null, timeout, failure, cancellationToken);

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> failure) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, failure);

    /// <summary>For waits that cannot be async (a Dispose).</summary>
    public static void Until(Func<bool> condition, TimeSpan timeout, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(failure());
            Thread.Sleep(Step);
        }
    }
}
