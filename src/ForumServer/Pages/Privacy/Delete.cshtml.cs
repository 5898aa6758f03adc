using ForumServer.Accounts;
using ForumServer.Core.Forum;
using ForumServer.Core.Moderation;
using ForumServer.Http;
using ForumServer.Pages.Moderation;
using ForumServer.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Privacy;

/// <summary>Deletion requests: members ask for their account or posts; visitors confirm through an emailed link.</summary>
[RateLimitedPosts(RateLimitedPostsAttribute.Account)]
public sealed class DeleteRequestModel(DeletionRequestService requests, IForumStore forum, CurrentMember current) : PageModel
{
    public bool SignedIn { get; private set; }
    public IReadOnlyList<Post> OwnPosts { get; private set; } = [];
    public DeletionRequest? Filed { get; private set; }

    /// <summary>The member asked again for what an open request of theirs already asks: that one is shown.</summary>
    public bool AlreadyOpen { get; private set; }

    [BindProperty]
    public RequestInput Input { get; set; } = new();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostMemberAsync()
    {
        var member = await current.GetAsync();
        if (member is null) return Challenge();
        var result = await requests.FileForMemberAsync(member, Input.Scope, Input.PostIds, Input.Description);
        await LoadAsync();
        if (this.Refusal(result, Page, "Input") is { } refusal) return refusal;
        (Filed, AlreadyOpen) = (result.Value!.Request, result.Value.AlreadyOpen);
        return Page();
    }

    public async Task<IActionResult> OnPostVisitorAsync()
    {
        var result = await requests.FileForVisitorAsync(Input.Email, Input.Description);
        await LoadAsync();
        if (this.Refusal(result, Page, "Input") is { } refusal) return refusal;
        Filed = result.Value;
        return Page();
    }

    private async Task LoadAsync()
    {
        var member = await current.GetAsync();
        SignedIn = member is not null;
        if (member is not null)
            OwnPosts = (await forum.ListPostsByAuthorAsync(member.Id)).Where(p => !p.IsRemoved).Reverse().Take(200).ToList();
    }

    public sealed class RequestInput
    {
        public DeletionScope Scope { get; set; } = DeletionScope.Account;
        public List<int> PostIds { get; set; } = [];
        public string? Email { get; set; }
        public string? Description { get; set; }
    }
}
