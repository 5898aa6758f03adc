using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ForumServer.Core.Forum;
using ForumServer.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ForumServer.BrowserTests.Hardening;

/// <summary>
/// Every vector of <c>xss-vectors.txt</c> posted through the reply form: the stored HTML holds nothing that can run,
/// and Chromium, showing the topics both live (open while the replies arrive) and on a fresh load, opens no dialog,
/// runs no hooked function and reports no Content-Security-Policy violation.
/// </summary>
public sealed class XssCorpusTests(Chromium chromium, BrowserForum forum, ITestOutputHelper output) : IClassFixture<Chromium>, IClassFixture<BrowserForum>, IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    private const int RepliesPerTopic = 19; // plus the opening post: one page of 20

    // Recorded by a script that runs before any of the page's own: the dialogs and string timers a payload would
    // use, and every CSP violation: an inline script or handler the sanitizer let through, or an eval/Function
    // call (the CSP has no 'unsafe-eval'; eval itself is left alone because Playwright evaluates through it).
    private const string Hooks = """
        (() => {
            const hits = [];
            const csp = [];
            Object.defineProperty(window, "__xssHits", { value: hits });
            Object.defineProperty(window, "__cspViolations", { value: csp });
            const record = (name) => function (...args) { hits.push(name + "(" + String(args[0]).slice(0, 60) + ")"); };
            for (const name of ["alert", "confirm", "prompt", "print"]) window[name] = record(name);
            for (const name of ["setTimeout", "setInterval"]) {
                const real = window[name];
                window[name] = function (handler, ...rest) {
                    if (typeof handler === "string") { hits.push(name + "(string)"); return 0; }
                    return real.call(window, handler, ...rest);
                };
            }
            document.addEventListener("securitypolicyviolation",
                (e) => csp.push(e.effectiveDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || "")), true);
        })();
        """;

    private const string BrowserDomCheck = """
        () => {
            const bad = [];
            const forbidden = new Set(["SCRIPT", "IFRAME", "FRAME", "OBJECT", "EMBED", "STYLE", "FORM", "BASE", "META", "LINK", "svg", "math", "TEMPLATE", "NOSCRIPT"]);
            for (const el of document.querySelectorAll(".post-body *")) {
                if (forbidden.has(el.tagName) || forbidden.has(el.localName)) bad.push("<" + el.localName + ">");
                for (const a of el.attributes) {
                    if (/^on/i.test(a.name) || ["style", "srcdoc", "formaction", "action", "poster", "background", "xlink:href", "data"].includes(a.name.toLowerCase()))
                        bad.push(el.localName + "[" + a.name + "=" + a.value.slice(0, 40) + "]");
                }
                for (const name of ["href", "src"]) {
                    const value = el.getAttribute(name);
                    if (value === null) continue;
                    let protocol;
                    try { protocol = new URL(value, location.href).protocol; } catch { protocol = "unparsable"; }
                    if (!["http:", "https:", "mailto:"].includes(protocol)) bad.push(el.localName + "[" + name + "=" + value.slice(0, 40) + "]");
                }
            }
            return bad;
        }
        """;

    public static IReadOnlyList<string> Vectors { get; } = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Hardening", "xss-vectors.txt"))
        .Where(line => line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal))
        .Select(line => line.Replace("\\n", "\n", StringComparison.Ordinal))
        .ToList();

    private static readonly string[] TitleVectors =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "</title><script>alert(1)</script>",
        "<svg onload=alert(1)>", "javascript:alert(1)", "'-alert(1)-'", "{{constructor.constructor('alert(1)')()}}", "<!--",
    ];

    [Fact]
    public async Task Over_a_hundred_vectors_posted_through_the_reply_form_store_nothing_that_runs_and_run_nothing_in_Chromium()
    {
        Assert.True(Vectors.Count >= 100, $"only {Vectors.Count} vectors");
        var batches = Vectors.Chunk(RepliesPerTopic).ToList();

        // Topics first (with a hostile title each), and a live page open on each before the replies arrive.
        var topics = new List<string>();
        var live = new List<IPage>();
        var dialogs = new List<string>();
        for (var i = 0; i < batches.Count; i++)
        {
            var title = $"XSS batch {i + 1} {TitleVectors[i % TitleVectors.Length]}";
            var created = await forum.Alice.CreateTopicAsync(1, title, $"Opening post of batch {i + 1}");
            Assert.Equal(HttpStatusCode.Redirect, created.Status);
            topics.Add(created.Location!);
            var page = await OpenHookedAsync(dialogs);
            await BrowserForum.GoToTopicAsync(page, forum.Url(created.Location!));
            live.Add(page);
        }

        var stored = 0;
        var refused = new System.Collections.Concurrent.ConcurrentBag<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The topics fill side by side (each in order), as several people would post at once.
        await Task.WhenAll(batches.Select(async (batch, i) =>
        {
            foreach (var vector in batch)
            {
                var reply = await forum.Alice.ReplyAsync(topics[i], vector);
                if (reply.Status == HttpStatusCode.Redirect) Interlocked.Increment(ref stored);
                else refused.Add($"{vector} -> {(int)reply.Status} {reply.Text(".field-error, .validation-summary-errors, [role=alert]")}");
            }
        }));
        output.WriteLine($"posted in {clock.ElapsedMilliseconds} ms");
        Assert.True(refused.Count == 0, "refused: " + string.Join("\n", refused));

        // The stored HTML, as the server will send it, parsed as a browser would.
        var store = forum.App.Service<IForumStore>();
        var problems = new List<string>();
        var parser = new HtmlParser();
        foreach (var topic in topics)
        {
            var id = int.Parse(topic.Split('/')[2]);
            var posts = await store.ListPostsAsync(id, 0, 100);
            Assert.Equal(RepliesPerTopic + 1 - (topic == topics[^1] ? batches.Count * RepliesPerTopic - Vectors.Count : 0), posts.Count);
            foreach (var post in posts.Skip(1))
            {
                var body = parser.ParseDocument($"<!doctype html><body><div class=post-body>{post.Html}</div>").Body!;
                problems.AddRange(StoredDomProblems(body).Select(p => $"{post.Markdown.ReplaceLineEndings(" ")} => {p}   [{post.Html}]"));
            }
        }
        Assert.True(problems.Count == 0, "stored HTML that could run:\n" + string.Join("\n", problems));

        // Live pages received every reply through the hub and ran nothing.
        for (var i = 0; i < live.Count; i++)
        {
            var expected = batches[i].Length + 1;
            await live[i].WaitForFunctionAsync($"() => document.querySelectorAll('.post').length === {expected}", null, new() { Timeout = 15_000 });
        }
        // A fresh load of each topic in a new context, with time for onerror/onload/animation/focus events to fire.
        var fresh = new List<IPage>();
        foreach (var topic in topics)
        {
            var page = await OpenHookedAsync(dialogs);
            await page.GotoAsync(forum.Url(topic), new() { WaitUntil = WaitUntilState.Load });
            Assert.Equal(await live[fresh.Count].Locator(".post").CountAsync(), await page.Locator(".post").CountAsync());
            fresh.Add(page);
        }
        // Load-time handlers (onerror, onload, animations, focus) have fired once the network is idle and two frames passed.
        foreach (var page in live.Concat(fresh))
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        }
        output.WriteLine($"posted and loaded in {clock.ElapsedMilliseconds} ms");

        var ran = new List<string>();
        foreach (var page in live.Concat(fresh))
        {
            await page.Mouse.MoveAsync(200, 300); // for mouseover/pointerenter handlers, were any left
            ran.AddRange((await page.EvaluateAsync<string[]>("() => window.__xssHits")).Select(h => $"{page.Url}: ran {h}"));
            ran.AddRange((await page.EvaluateAsync<string[]>("() => window.__cspViolations")).Select(v => $"{page.Url}: CSP violation {v}"));
            ran.AddRange((await page.EvaluateAsync<string[]>(BrowserDomCheck)).Select(b => $"{page.Url}: in the page's DOM {b}"));
        }
        Assert.True(dialogs.Count == 0, "dialogs opened: " + string.Join("; ", dialogs));
        Assert.True(ran.Count == 0, string.Join("\n", ran));

        output.WriteLine($"{Vectors.Count} vectors in {topics.Count} topics ({stored} replies stored), {live.Count} live and {fresh.Count} fresh pages: " +
                         "no dialog, no hooked call, no CSP violation, nothing executable in the DOM.");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
    }

    private async Task<IPage> OpenHookedAsync(List<string> dialogs)
    {
        var context = await chromium.Browser.NewContextAsync();
        _contexts.Add(context);
        await context.AddInitScriptAsync(Hooks);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(10_000);
        page.Dialog += async (_, dialog) =>
        {
            lock (dialogs) dialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        return page;
    }

    private static readonly HashSet<string> ForbiddenElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "object", "embed", "style", "form", "base", "meta", "link", "svg", "math", "template",
        "noscript", "textarea", "select", "button", "audio", "marquee",
    };

    private static readonly HashSet<string> ForbiddenAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "style", "srcdoc", "formaction", "action", "poster", "background", "xlink:href", "data", "autofocus",
    };

    /// <summary>What in a stored post body could run script or leave the page: elements, handlers and URLs.</summary>
    public static IEnumerable<string> StoredDomProblems(IElement body)
    {
        foreach (var element in body.QuerySelectorAll("*").Skip(1)) // the wrapper div is ours
        {
            if (ForbiddenElements.Contains(element.LocalName)) yield return $"<{element.LocalName}>";
            if (element.LocalName == "input" && element.GetAttribute("type") != "checkbox") yield return "<input> that is not a checkbox";
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || ForbiddenAttributes.Contains(attribute.Name))
                    yield return $"{element.LocalName}[{attribute.Name}]";
                if (attribute.Name is "href" or "src" && !IsSafeUrl(attribute.Value))
                    yield return $"{element.LocalName}[{attribute.Name}={attribute.Value}]";
            }
        }
    }

    /// <summary>http(s), mailto or relative; what browsers strip before reading a scheme (controls, spaces) is stripped first.</summary>
    private static bool IsSafeUrl(string value)
    {
        var cleaned = new string(value.Where(c => c > ' ' && c != '\u007f').ToArray());
        var colon = cleaned.IndexOf(':');
        var boundary = cleaned.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (boundary >= 0 && boundary < colon)) return true; // relative
        var scheme = cleaned[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }
}

/// <summary>The corpus is worth running: without the sanitizer, Markdig's own output of most vectors would be flagged.</summary>
public sealed class XssCorpusControlTests
{
    [Fact]
    public void Most_vectors_rendered_without_the_sanitizer_are_flagged_by_the_DOM_check()
    {
        var pipeline = Markdig.MarkdownExtensions.UseTaskLists(Markdig.MarkdownExtensions.UseAutoLinks(new Markdig.MarkdownPipelineBuilder())).Build();
        var parser = new HtmlParser();
        var flagged = XssCorpusTests.Vectors.Count(v =>
            XssCorpusTests.StoredDomProblems(parser.ParseDocument($"<!doctype html><body><div>{Markdig.Markdown.ToHtml(v, pipeline)}</div>").Body!).Any());
        Assert.True(flagged >= XssCorpusTests.Vectors.Count * 3 / 4, $"only {flagged} of {XssCorpusTests.Vectors.Count} flagged unsanitized");
    }
}
