using BenchmarkDotNet.Attributes;
using ForumServer.Core.Forum;

namespace ForumServer.Bench;

/// <summary>Cost of the write path's Markdown render + sanitize, for a typical and a 64 KiB post.</summary>
[MemoryDiagnoser]
public class MarkdownBenchmarks
{
    private readonly PostRenderer _renderer = new();
    private readonly string _typical = SampleMarkdown.Post(2);
    private readonly string _large = SampleMarkdown.Large(64 * 1024);

    [Benchmark(Baseline = true)]
    public string Typical() => _renderer.Render(_typical);

    [Benchmark]
    public string Large64KiB() => _renderer.Render(_large);
}
