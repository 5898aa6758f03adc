namespace ForumServer.Core.Mail;

/// <summary>
/// Stores the outcome of each sent message before its connection sends the next one, in as few statements as the
/// parallel connections allow (group commit): outcomes that arrive while one statement runs are stored together by
/// the next. Crash safety is that of one statement per message; the database sees a round trip per group.
/// </summary>
public sealed class ClaimCompletions(IOutboxStore store)
{
    private readonly Lock _gate = new();
    private List<(OutboundMessage Message, TaskCompletionSource<bool> Stored)> _waiting = [];
    private bool _storing;

    /// <summary>Completes once the outcome is stored; false when the claim was lost to another sender.</summary>
    public Task<bool> CompleteAsync(OutboundMessage message)
    {
        var stored = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool startStoring;
        lock (_gate)
        {
            _waiting.Add((message, stored));
            startStoring = !_storing;
            _storing = true;
        }
        if (startStoring) _ = StoreWhileWaitingAsync();
        return stored.Task;
    }

    private async Task StoreWhileWaitingAsync()
    {
        while (true)
        {
            List<(OutboundMessage Message, TaskCompletionSource<bool> Stored)> group;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _storing = false;
                    return;
                }
                (group, _waiting) = (_waiting, []);
            }
            try
            {
                var stored = await store.CompleteClaimsAsync(group.Select(g => g.Message).ToList());
                foreach (var (message, done) in group) done.SetResult(stored.Contains(message.Id));
            }
            catch (Exception e)
            {
                foreach (var (_, done) in group) done.SetException(e);
            }
        }
    }
}
