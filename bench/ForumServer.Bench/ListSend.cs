using System.Diagnostics;

namespace ForumServer.Bench;

public sealed record ListSendResult(int Recipients, double Seconds, double MessagesPerSecond, double PeakWorkingSetMb, int Duplicates);

/// <summary>Sends one issue to every confirmed subscriber of a list through SMTP to the counting sink.</summary>
public static class ListSend
{
    public static async Task<ListSendResult> RunAsync(ServerUnderTest server, CountingSmtpSink sink, MemberSession manager, string listId, int recipients)
    {
        await manager.RefreshTokenAsync($"/lists/manage/compose/{listId}");
        var issuePath = await manager.PostFormAsync($"/lists/manage/compose/{listId}", new()
        {
            ["Input.Subject"] = $"Release notes for {recipients} readers",
            ["Input.Body"] = SampleMarkdown.Post(7) + "\n\n" + SampleMarkdown.Post(8),
            ["act"] = "save",
        });
        var before = sink.Messages;
        var peak = server.WorkingSet();
        var clock = Stopwatch.StartNew();
        await manager.PostFormAsync(issuePath + "?handler=Send", []);
        var deadline = TimeSpan.FromMinutes(10);
        while (sink.Messages - before < recipients && clock.Elapsed < deadline)
        {
            await Task.Delay(100);
            peak = Math.Max(peak, server.WorkingSet());
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var duplicates = sink.PerRecipient.Where(p => p.Key.StartsWith(listId + "-", StringComparison.Ordinal)).Sum(p => Math.Max(0, p.Value - 1));
        return new ListSendResult(sink.Messages - before, seconds, (sink.Messages - before) / seconds, peak / 1024.0 / 1024.0, duplicates);
    }
}
