using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Localization;
using ForumServer.Core.Profiles;
using ForumServer.Http;
using ForumServer.Pages.Forum;
using ForumServer.Pages.Moderation;
using ForumServer.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Profiles;

/// <summary>
/// A member's public profile. It shows only what is public anyway (display name, avatar, when they joined, what
/// they posted); never the email address, IP or what they read.
/// </summary>
[RateLimitedPosts(RateLimitedPostsAttribute.Forum)]
public sealed class ProfileModel(IMemberStore members, IProfileStore store, ProfileService profiles, IForumStore forum, CurrentMember current) : PageModel
{
    public const int TopicsShown = 10;

    public Member Member { get; private set; } = null!;
    public MemberProfile Profile { get; private set; } = null!;
    public int PostCount { get; private set; }
    public int TopicCount { get; private set; }
    public int AcceptedCount { get; private set; }
    public bool ActivityHidden { get; private set; }
    public bool IsOwn { get; private set; }
    public bool CanModerate { get; private set; }
    public IReadOnlyList<Topic> Topics { get; private set; } = [];
    public IReadOnlyList<(Post Post, Topic Topic)> Posts { get; private set; } = [];
    public Pager Pager { get; private set; } = Pager.Single;
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? slug, [FromQuery] int page = 1)
    {
        if (page < 1 || page > ProfileService.MaxActivityPage) return NotFound();
        if (!await LoadMemberAsync(id)) return NotFound();
        var canonical = Slug.From(Member.DisplayName);
        if (slug != canonical)
            return Redirect($"/u/{Member.Id}/{canonical}{(page > 1 ? $"?page={page}" : "")}");
        return await ShowAsync(page) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRemoveAvatarAsync(string id, string? reason)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var result = await profiles.RemoveAvatarAsync(actor, id, reason);
        if (!await LoadMemberAsync(id)) return NotFound();
        if (this.Refusal(result, () => Page()) is { } refusal)
        {
            await ShowAsync(1);
            return refusal;
        }
        return Redirect($"/u/{Member.Id}/{Slug.From(Member.DisplayName)}?avatar=removed");
    }

    private async Task<bool> LoadMemberAsync(string id)
    {
        if (id.Length > 64 || await members.GetAsync(id) is not { } member) return false;
        Member = member;
        return true;
    }

    private async Task<bool> ShowAsync(int page)
    {
        Profile = await profiles.GetAsync(Member.Id);
        var actor = await current.GetActorAsync();
        IsOwn = actor?.Id == Member.Id;
        CanModerate = actor?.IsModerator == true && !IsOwn;
        if (Request.Query["avatar"] == "removed") Message = Texts.T("The avatar is removed.");
        PostCount = await store.CountPostsAsync(Member.Id);
        TopicCount = await store.CountTopicsAsync(Member.Id);
        AcceptedCount = await store.CountAcceptedAnswersAsync(Member.Id);
        ActivityHidden = Profile.HideActivity && !IsOwn;
        if (ActivityHidden) return page == 1;

        var last = ForumService.PageCount(PostCount, ProfileService.ActivityPerPage);
        if (page > last) return false;
        Topics = await store.ListTopicsAsync(Member.Id, 0, TopicsShown);
        var posts = new List<(Post, Topic)>();
        foreach (var post in await store.ListPostsAsync(Member.Id, (page - 1) * ProfileService.ActivityPerPage, ProfileService.ActivityPerPage))
            if (await forum.GetTopicAsync(post.TopicId) is { IsRemoved: false } topic) posts.Add((post, topic));
        Posts = posts;
        Pager = new Pager($"/u/{Member.Id}/{Slug.From(Member.DisplayName)}", page, last);
        return true;
    }
}
