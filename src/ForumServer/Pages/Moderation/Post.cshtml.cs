using ForumServer.Accounts;
using ForumServer.Core.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Moderation;
using ForumServer.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Moderation;

[Authorize(Policy = AccountsSetup.ModeratorPolicy)]
public sealed class ModeratePostModel(IForumStore forum, IMemberStore members, IModerationStore store, ModerationService moderation, CurrentMember current) : PageModel
{
    public Post Post { get; private set; } = null!;
    public Topic Topic { get; private set; } = null!;
    public bool AuthorExists { get; private set; }
    public IReadOnlyList<Flag> Flags { get; private set; } = [];
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRemoveAsync(int id, string? reason)
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return Challenge();
        var result = await moderation.RemovePostAsync(actor, id, reason);
        if (this.Refusal(result, () => Page()) is { } refusal)
        {
            await LoadAsync(id);
            return refusal;
        }
        var topic = (await forum.GetTopicAsync(result.Value!.TopicId))!;
        return Redirect(ForumLinks.Post(topic, result.Value));
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await forum.GetPostAsync(id) is not { } post || await forum.GetTopicAsync(post.TopicId) is not { } topic) return false;
        (Post, Topic) = (post, topic);
        AuthorExists = await members.GetAsync(post.AuthorId) is not null;
        Flags = (await store.ListOpenFlagsAsync(500)).Where(f => f.PostId == id).ToList();
        return true;
    }
}
