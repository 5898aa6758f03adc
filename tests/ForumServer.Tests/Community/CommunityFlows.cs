using System.Net.Http.Headers;
using ForumServer.Core.Accounts;
using ForumServer.Tests.Infrastructure;
using ForumServer.Tests.Moderation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ForumServer.Tests.Community;

public static class CommunityFlows
{
    public static async Task<string> MemberIdAsync(this ForumApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().FindByEmailAsync(email))!.Id;
    }

    public static async Task<IReadOnlyList<Member>> AllMembersAsync(this ForumApp app) =>
        await app.Service<IMemberStore>().ListAsync(0, 1000);

    /// <summary>Post ids of a topic page, in order.</summary>
    public static List<int> PostIds(this TestBrowser.Page topic) =>
        topic.Document.QuerySelectorAll("article.post").Select(a => int.Parse(a.GetAttribute("data-post-id")!)).ToList();

    public static async Task<HttpResponseMessage> PostFormAsync(this TestBrowser browser, string url, Dictionary<string, string> fields, bool json = false)
    {
        fields["__af"] = await browser.AntiforgeryTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        if (json) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await browser.Client.SendAsync(request);
    }
}
