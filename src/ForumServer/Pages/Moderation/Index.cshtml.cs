using ForumServer.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Moderation;
using ForumServer.Forum;
using ForumServer.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Moderation;

[Authorize(Policy = AccountsSetup.ModeratorPolicy)]
public sealed class QueueModel(ModerationService moderation, IForumStore forum, CurrentMember current, TimeProvider time) : PageModel
{
    /// <summary>What a flag row names: the post's number and its topic (either may be gone by now).</summary>
    public sealed record FlaggedPost(Post? Post, Topic? Topic);

    public ModerationQueue Queue { get; private set; } = new([], []);
    public DateTimeOffset Now { get; private set; }
    public IReadOnlyDictionary<int, FlaggedPost> Posts { get; private set; } = new Dictionary<int, FlaggedPost>();

    public async Task OnGetAsync()
    {
        Now = time.GetUtcNow();
        Queue = await moderation.GetQueueAsync();
        var posts = new Dictionary<int, FlaggedPost>();
        foreach (var flag in Queue.Flags)
            if (!posts.ContainsKey(flag.PostId))
                posts[flag.PostId] = new(await forum.GetPostAsync(flag.PostId), await forum.GetTopicAsync(flag.TopicId));
        Posts = posts;
    }

    public async Task<IActionResult> OnPostDismissAsync(int flagId)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var result = await moderation.DismissFlagAsync(actor, flagId, null);
        return this.Refusal(result, Page) ?? RedirectToPage();
    }
}
