using ForumServer.Core.Privacy;

namespace ForumServer.Core.Tests.Privacy;

public sealed class LogRedactorTests
{
    private readonly LogRedactor _redactor = new();

    [Theory]
    [InlineData("from 192.168.1.20 at 12:30:45", "from [ip] at 12:30:45")]
    [InlineData("peer [2001:db8::8a2e:370:7334]:443 closed", "peer [[ip]]:443 closed")]
    [InlineData("remote ::ffff:10.0.0.7 and ::1", "remote [ip] and [ip]")]
    [InlineData("version 1.2.3 and 300.1.1.1 stay", "version 1.2.3 and 300.1.1.1 stay")]
    [InlineData("mail to Ada.Lovelace+x@mail.example.co.uk failed", "mail to [email] failed")]
    [InlineData("GET /confirm?email=ada%40example.org&code=1", "GET /confirm?email=[email]&code=1")]
    [InlineData("nothing personal here", "nothing personal here")]
    public void Blanks_addresses(string input, string expected) => Assert.Equal(expected, _redactor.Redact(input));

    [Fact]
    public void Blanks_display_names_as_whole_words_only_and_follows_the_current_names()
    {
        _redactor.SetNames(["Ada", "Zed Zebulon", " "]);
        Assert.Equal("[name] posted; Adapter started; [name] left", _redactor.Redact("ada posted; Adapter started; Zed Zebulon left"));
        _redactor.SetNames(["Bo Li"]);
        Assert.Equal("Ada and [name]", _redactor.Redact("Ada and Bo Li"));
    }
}
