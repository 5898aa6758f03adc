using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.De;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.It;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Tartarus.Snowball.Ext;
using Lucene.Net.Util;

namespace ForumServer.Search.Lucene;

/// <summary>
/// The analyzers of the index, one per language field plus a language-neutral one. A post's text goes into the
/// field of its author's language (the neutral one for any other language); a query is analyzed once per field and
/// asks all of them. Every analyzer folds accents ("cafe" finds "café"), German by its own normalization.
/// </summary>
internal static class ForumAnalyzers
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Languages with a stemming field; anything else is indexed in the neutral field only.</summary>
    public static readonly string[] Languages = ["en", "it", "de"];
    public const string Neutral = "std";

    // Italian elided articles (l'installazione, dell'utente), as Lucene's ItalianAnalyzer has them.
    private static readonly CharArraySet ItalianArticles = new(Version,
        ["c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d"],
        true);

    public static Analyzer For(string language) => language switch
    {
        // EnglishAnalyzer's chain with accents folded before Porter stemming ("installing" and "install" become "instal").
        "en" => Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = new EnglishPossessiveFilter(Version, source);
            stream = new LowerCaseFilter(Version, stream);
            stream = new StopFilter(Version, stream, EnglishAnalyzer.DefaultStopSet);
            stream = new ASCIIFoldingFilter(stream, false);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(source, stream);
        }),
        // Snowball rather than ItalianAnalyzer's light stemmer, which leaves "installazione" and "installare" apart.
        "it" => Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = new ElisionFilter(source, ItalianArticles);
            stream = new LowerCaseFilter(Version, stream);
            stream = new StopFilter(Version, stream, ItalianAnalyzer.DefaultStopSet);
            stream = new ASCIIFoldingFilter(stream, false);
            stream = new SnowballFilter(stream, new ItalianStemmer());
            return new TokenStreamComponents(source, stream);
        }),
        "de" => new GermanAnalyzer(Version),
        _ => Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = new LowerCaseFilter(Version, source);
            stream = new ASCIIFoldingFilter(stream, false);
            return new TokenStreamComponents(source, stream);
        }),
    };

    /// <summary>The terms (with their positions) that <paramref name="analyzer"/> makes of <paramref name="text"/>.</summary>
    public static List<(string Term, int Position)> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<(string, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            terms.Add((term.ToString(), position));
        }
        stream.End();
        return terms;
    }
}
