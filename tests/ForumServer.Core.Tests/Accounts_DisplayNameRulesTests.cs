using ForumServer.Core.Accounts;

namespace ForumServer.Core.Tests;

public sealed class DisplayNameRulesTests
{
    [Theory]
    [InlineData("Admin", "\u0410dmin")] // Cyrillic А
    [InlineData("Admin", "\uFF21\uFF44\uFF4D\uFF49\uFF4E")] // full-width
    [InlineData("Admin", "ADMIN")]
    [InlineData("Alice", "AIice")] // capital I for l
    [InlineData("Paypal", "\u0420\u0430ур\u0430l")] // Cyrillic Р а у р а
    [InlineData("modern", "modem")] // rn for m
    [InlineData("Bob", "B\u03BFb")] // Greek omicron
    [InlineData("Zoe", "Zoé")]
    public void Look_alike_names_share_a_skeleton(string name, string lookAlike) =>
        Assert.Equal(DisplayNameRules.Skeleton(name), DisplayNameRules.Skeleton(lookAlike));

    [Theory]
    [InlineData("Alice", "Alicia")]
    [InlineData("Bob", "Rob")]
    public void Different_names_have_different_skeletons(string a, string b) =>
        Assert.NotEqual(DisplayNameRules.Skeleton(a), DisplayNameRules.Skeleton(b));

    [Theory]
    [InlineData("Ad\u200Bmin")] // zero-width space
    [InlineData("Ad\u200Dmin")] // zero-width joiner
    [InlineData("\u202Eevil")] // right-to-left override
    [InlineData("na\u2066me")] // left-to-right isolate
    [InlineData("Ad\u00ADmin")] // soft hyphen
    [InlineData("Ad\uFE0Fmin")] // variation selector
    [InlineData("\u3164\u3164")] // Hangul filler
    public void Invisible_and_bidi_control_characters_are_refused(string name) =>
        Assert.Contains("invisible characters", DisplayNameRules.Check(name));

    [Fact]
    public void Names_are_stored_in_nfkc()
    {
        Assert.Equal("Admin", DisplayNameRules.Clean(" \uFF21\uFF44\uFF4D\uFF49\uFF4E "));
        Assert.Null(DisplayNameRules.Check("Jürgen Müller"));
        Assert.Null(DisplayNameRules.Check("李小龍"));
    }
}
