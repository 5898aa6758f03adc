using System.Text.RegularExpressions;

namespace ForumServer.Core.Tests.Architecture;

/// <summary>
/// Feature folders depend on each other in one direction only: a folder that names another's namespace (in a using or
/// inline) depends on it, and no chain of such dependencies leads back to where it started.
/// </summary>
public sealed class FeatureFolderTests
{
    [Fact]
    public void Core_feature_folders_have_no_dependency_cycle() =>
        AssertNoCycle(Path.Combine(RepositoryRoot(), "src", "ForumServer.Core"), "ForumServer.Core", composers: []);

    [Fact]
    public void Web_feature_folders_have_no_dependency_cycle() =>
        // The pages and the host setup compose every feature; they are the top of the graph, not part of it.
        AssertNoCycle(Path.Combine(RepositoryRoot(), "src", "ForumServer"), "ForumServer", composers: ["Pages", "Hosting"]);

    [Fact]
    public void The_cycle_finder_finds_a_cycle_of_three()
    {
        var graph = new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };
        Assert.Equal(["A", "B", "C"], FindCycle(graph)!.Order());
    }

    private static void AssertNoCycle(string project, string rootNamespace, string[] composers)
    {
        var folders = Directory.GetDirectories(project).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj" or "wwwroot" or "node_modules"))
            .Except(composers).ToHashSet()!;
        var graph = folders.ToDictionary(f => f!, _ => new HashSet<string>());
        var reference = new Regex(Regex.Escape(rootNamespace) + @"\.(\w+)");
        foreach (var folder in folders)
            foreach (var file in Directory.EnumerateFiles(Path.Combine(project, folder!), "*.cs*", SearchOption.AllDirectories))
                foreach (Match m in reference.Matches(File.ReadAllText(file)))
                    if (m.Groups[1].Value != folder && folders.Contains(m.Groups[1].Value)) graph[folder!].Add(m.Groups[1].Value);
        Assert.True(graph.Count > 3, $"no feature folders found under {project}");
        var cycle = FindCycle(graph);
        Assert.True(cycle is null, $"Feature folders of {rootNamespace} depend on each other in a cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    /// <summary>The folders of one cycle (a strongly connected part of more than one folder), or null.</summary>
    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        List<string>? found = null;
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (stack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var part = new List<string>();
            string popped;
            do part.Add(popped = stack.Pop());
            while (popped != v);
            if (part.Count > 1) found ??= part;
        }
        foreach (var v in graph.Keys.Order())
            if (!index.ContainsKey(v)) Visit(v);
        return found;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ForumServer.sln"))) return dir.FullName;
        throw new InvalidOperationException($"ForumServer.sln not found above {AppContext.BaseDirectory}");
    }
}
