using System.Net;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ForumServer.Core.Forum;

/// <summary>A member an @mention resolved to.</summary>
public sealed record MentionedMember(string Id, string DisplayName);

/// <summary>The post a quote refers to.</summary>
public sealed record QuotedPost(int PostId, int TopicId, int Number, string AuthorName);

/// <summary>
/// Looks up what a post's Markdown refers to while it is rendered (once, at write time). Synchronous because
/// Markdig parses synchronously; implementations answer from an index.
/// </summary>
public interface IPostReferenceResolver
{
    MentionedMember? FindMember(string displayName);
    QuotedPost? FindPost(int postId);
}

/// <summary>
/// @mentions and quote attribution. <c>@Name</c> of a known member becomes <c>&lt;a class="mention" href="/u/ID"&gt;</c>
/// (unknown names stay text); a block quote that starts with a link to <c>/p/ID</c> gets that post's real author
/// and a link to the post, whatever the writer typed as its label.
/// </summary>
public sealed partial class PostReferencesExtension(IPostReferenceResolver resolver) : IMarkdownExtension
{
    /// <summary>Lookups per post are bounded, whatever the post contains.</summary>
    public const int MaxLookupsPerPost = 50;

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<MentionParser>())
            pipeline.InlineParsers.Insert(0, new MentionParser(resolver));
        pipeline.DocumentProcessed += AttributeQuotes;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<MentionRenderer>())
            html.ObjectRenderers.Insert(0, new MentionRenderer());
    }

    public const int MaxQuotedChars = 4000;

    /// <summary>The Markdown the Quote action puts in the reply box: a source line the renderer resolves, then the text.</summary>
    public static string QuoteOf(Post post, string? selected = null)
    {
        var text = (selected ?? post.Markdown).ReplaceLineEndings("\n").Trim();
        if (text.Length > MaxQuotedChars) text = text[..MaxQuotedChars] + "…";
        var lines = text.Split('\n').Select(l => l.Length == 0 ? ">" : "> " + l);
        return $"> [{post.AuthorName}](/p/{post.Id})\n>\n{string.Join('\n', lines)}\n\n";
    }

    /// <summary>The post id a quote source link names: "/p/12".</summary>
    public static int? QuotedPostId(string? url) =>
        url is not null && QuoteUrl().Match(url) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var id) ? id : null;

    private void AttributeQuotes(MarkdownDocument document)
    {
        var lookups = 0;
        foreach (var quote in document.Descendants<QuoteBlock>())
        {
            if (quote.FirstOrDefault() is not ParagraphBlock { Inline: { } inline }) continue;
            if (inline.FirstChild is not LinkInline { IsImage: false } link || QuotedPostId(link.Url) is not { } postId) continue;
            if (++lookups > MaxLookupsPerPost) break;
            var post = resolver.FindPost(postId);
            if (post is null) continue;
            link.Url = $"/t/{post.TopicId}?page={ForumService.PageOf(post.Number)}#post-{post.PostId}";
            link.Title = null;
            while (link.FirstChild is { } child) child.Remove();
            link.AppendChild(new LiteralInline($"{post.AuthorName} #{post.Number}"));
            link.GetAttributes().AddClass("quote-source");
        }
    }

    [GeneratedRegex(@"^/p/(\d{1,9})$")]
    private static partial Regex QuoteUrl();
}

/// <summary>An @mention that resolved to a member.</summary>
public sealed class MentionInline(MentionedMember member) : LeafInline
{
    public MentionedMember Member { get; } = member;
}

/// <summary>
/// Reads <c>@Name</c> where Name is a known display name. Names may hold spaces, so up to four words are tried,
/// longest first; an '@' inside a word (an email address) is not a mention.
/// </summary>
public sealed class MentionParser : InlineParser
{
    private const int MaxWords = 4;
    private static readonly object LookupsKey = new();
    private readonly IPostReferenceResolver _resolver;

    public MentionParser(IPostReferenceResolver resolver)
    {
        _resolver = resolver;
        OpeningCharacters = ['@'];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var previous = slice.PeekCharExtra(-1);
        if (previous.IsAlphaNumeric() || previous is '@' or '_' or '.' or '/' or '-') return false;

        var text = slice.Text.AsSpan(slice.Start + 1, Math.Min(slice.Length - 1, Accounts.DisplayNameRules.MaxLength + 8));
        foreach (var candidate in Candidates(text.ToString()))
        {
            var count = processor.Document.GetData(LookupsKey) as int? ?? 0;
            if (count >= PostReferencesExtension.MaxLookupsPerPost) return false;
            processor.Document.SetData(LookupsKey, count + 1);
            if (_resolver.FindMember(candidate) is not { } member) continue;
            var start = slice.Start;
            processor.Inline = new MentionInline(member)
            {
                Span = new SourceSpan(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(start + candidate.Length)),
                Line = line,
                Column = column,
            };
            slice.Start += 1 + candidate.Length;
            return true;
        }
        return false;
    }

    /// <summary>"Ann Lee, hi" gives "Ann Lee" then "Ann": the longest run of words first, trailing punctuation off.</summary>
    public static IEnumerable<string> Candidates(string text)
    {
        var ends = new List<int>();
        var i = 0;
        while (i < text.Length && ends.Count < MaxWords)
        {
            if (char.IsWhiteSpace(text[i])) break;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            var end = i;
            while (end > 0 && IsTrailingPunctuation(text[end - 1])) end--;
            if (end > 0) ends.Add(end);
            if (end < i) break; // punctuation ends the name
            if (i < text.Length && text[i] == ' ' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1])) i++;
            else break;
        }
        for (var k = ends.Count - 1; k >= 0; k--)
        {
            var candidate = text[..ends[k]];
            if (candidate.Length >= Accounts.DisplayNameRules.MinLength && candidate.Length <= Accounts.DisplayNameRules.MaxLength)
                yield return candidate;
        }
    }

    private static bool IsTrailingPunctuation(char c) => c is '.' or ',' or ';' or ':' or '!' or '?' or ')' or '"' or '\'' or '*' or '_' or '`' or ']';
}

/// <summary>Writes a mention as a link to the member's profile, with the member's current display name.</summary>
public sealed class MentionRenderer : HtmlObjectRenderer<MentionInline>
{
    protected override void Write(HtmlRenderer renderer, MentionInline obj) =>
        renderer.Write("<a class=\"mention\" href=\"/u/").Write(WebUtility.UrlEncode(obj.Member.Id)).Write("\">@")
            .WriteEscape(obj.Member.DisplayName).Write("</a>");
}
