namespace ForumServer.Tests.Infrastructure;

/// <summary>
/// One app with the default test settings for all the tests of a class, as its <c>IClassFixture</c> (xunit needs
/// the single parameterless constructor). The tests of a class run one after another, but on one database: each
/// uses members, addresses and topics of its own.
/// </summary>
public sealed class SharedForumApp : ForumApp;
