using ForumServer.Core.Accounts;
using ForumServer.Core.Lists;
using ForumServer.Core.Localization;
using ForumServer.Core.Moderation;

namespace ForumServer.Pages;

/// <summary>The words pages show for a state or kind, translated; never the enum's C# name ("VisitorForm").</summary>
public static class EnumLabels
{
    public static string Of(IssueState state) => state switch
    {
        IssueState.Draft => Texts.T("Draft"),
        IssueState.Scheduled => Texts.T("Scheduled"),
        IssueState.Sending => Texts.T("Sending"),
        _ => Texts.T("Sent"),
    };

    public static string Of(SubscriptionState state) => state switch
    {
        SubscriptionState.Pending => Texts.T("Pending"),
        SubscriptionState.Confirmed => Texts.T("Confirmed"),
        _ => Texts.T("Unsubscribed"),
    };

    public static string Of(DeletionRequestState state) => state switch
    {
        DeletionRequestState.Received => Texts.T("Received"),
        DeletionRequestState.Confirmed => Texts.T("Confirmed"),
        DeletionRequestState.InProgress => Texts.T("In progress"),
        DeletionRequestState.Done => Texts.T("Done"),
        _ => Texts.T("Rejected"),
    };

    public static string Of(DeletionRequestSource source) => source switch
    {
        DeletionRequestSource.MemberForm => Texts.T("Member, on the site"),
        DeletionRequestSource.VisitorForm => Texts.T("Visitor, on the site"),
        _ => Texts.T("By email"),
    };

    public static string Of(DeletionScope scope) => scope switch
    {
        DeletionScope.Account => Texts.T("Whole account"),
        DeletionScope.Posts => Texts.T("Chosen posts"),
        _ => Texts.T("Something else"),
    };

    /// <summary>A role as people say it ("List manager", not "ListManager").</summary>
    public static string Role(string role) => role switch
    {
        Roles.Member => Texts.T("Regular member"),
        Roles.Moderator => Texts.T("Moderator"),
        Roles.Administrator => Texts.T("Administrator"),
        Roles.ListManager => Texts.T("List manager"),
        _ => role,
    };
}
