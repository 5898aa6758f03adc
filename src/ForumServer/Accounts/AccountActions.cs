using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;
using Microsoft.AspNetCore.Identity;

namespace ForumServer.Accounts;

/// <summary>Account operations with more than one step (Identity call, email, keeping posts in step).</summary>
public sealed class AccountActions(
    UserManager<Member> users, AccountMailer mailer, SiteOptions site, ForumService forum, ForumServer.Forum.ForumPageCacheEvictor pageCache, TimeProvider time)
{
    /// <summary>
    /// Registers a member and mails a confirmation link. An address that is already registered gets a notice
    /// instead, and the caller sees the same success either way, so the form does not reveal who is a member.
    /// </summary>
    public async Task<OperationResult<Member?>> RegisterAsync(string displayName, string email, string password)
    {
        var nameError = DisplayNameRules.Check(displayName);
        if (nameError is not null) return OperationResult<Member?>.Invalid(new FieldError("DisplayName", nameError));

        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            await mailer.SendAlreadyRegisteredAsync(existing.Email, existing.DisplayName,
                AccountLinks.ResetPassword(site, existing.Id, await users.GeneratePasswordResetTokenAsync(existing)));
            return OperationResult<Member?>.Ok(null);
        }

        var member = new Member { DisplayName = DisplayNameRules.Clean(displayName), Email = email.Trim(), CreatedAt = time.GetUtcNow() };
        member.Roles.Add(Roles.Member);
        var result = await users.CreateAsync(member, password);
        // A parallel registration took the email between the check above and the store: answer as for a known address.
        if (!result.Succeeded && result.Errors.All(e => e.Code == "DuplicateEmail")) return OperationResult<Member?>.Ok(null);
        if (!result.Succeeded) return OperationResult<Member?>.Invalid(ToFieldErrors(result));
        await SendConfirmationAsync(member);
        return OperationResult<Member?>.Ok(member);
    }

    public async Task SendConfirmationAsync(Member member)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(member);
        await mailer.SendConfirmationAsync(member.Email, member.DisplayName, AccountLinks.ConfirmEmail(site, member.Id, token), member.Language);
    }

    /// <summary>Creates an administrator with a confirmed email; without a password one is chosen through a reset link.</summary>
    public async Task<OperationResult<Member>> CreateAdministratorAsync(string email, string displayName, string? password)
    {
        var nameError = DisplayNameRules.Check(displayName);
        if (nameError is not null) return OperationResult<Member>.Invalid(new FieldError("DisplayName", nameError));
        if (await users.FindByEmailAsync(email) is not null)
            return OperationResult<Member>.Invalid(new FieldError("Email", "An account with this email address already exists."));

        var member = new Member { DisplayName = DisplayNameRules.Clean(displayName), Email = email.Trim(), EmailConfirmed = true, CreatedAt = time.GetUtcNow() };
        member.Roles.AddRange([Roles.Member, Roles.Administrator]);
        var result = password is null ? await users.CreateAsync(member) : await users.CreateAsync(member, password);
        return result.Succeeded ? OperationResult<Member>.Ok(member) : OperationResult<Member>.Invalid(ToFieldErrors(result));
    }

    public async Task<OperationResult<Member>> ChangeDisplayNameAsync(Member member, string newName)
    {
        var nameError = DisplayNameRules.Check(newName);
        if (nameError is not null) return OperationResult<Member>.Invalid(new FieldError("DisplayName", nameError));
        var result = await users.SetUserNameAsync(member, DisplayNameRules.Clean(newName));
        if (!result.Succeeded) return OperationResult<Member>.Invalid(ToFieldErrors(result));
        await forum.RenameAuthorAsync(member.Id, member.DisplayName);
        await pageCache.EvictAllAsync();
        return OperationResult<Member>.Ok(member);
    }

    public async Task<OperationResult<Member>> RequestEmailChangeAsync(Member member, string newEmail)
    {
        newEmail = newEmail.Trim();
        if (string.Equals(newEmail, member.Email, StringComparison.OrdinalIgnoreCase))
            return OperationResult<Member>.Invalid(new FieldError("NewEmail", "This is already your email address."));
        // An address already in use gets no mail and no hint: the answer is the same.
        if (await users.FindByEmailAsync(newEmail) is null)
        {
            var token = await users.GenerateChangeEmailTokenAsync(member, newEmail);
            await mailer.SendEmailChangeAsync(newEmail, member.DisplayName, AccountLinks.ConfirmEmailChange(site, member.Id, newEmail, token), member.Language);
        }
        return OperationResult<Member>.Ok(member);
    }

    public static FieldError[] ToFieldErrors(IdentityResult result) =>
        result.Errors.Select(e => new FieldError(FieldOf(e.Code), e.Code == "DuplicateUserName"
            ? "This display name is taken. Choose another." : e.Description)).ToArray();

    private static string FieldOf(string code) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) => "Password",
        "DuplicateUserName" or "InvalidUserName" => "DisplayName",
        "DuplicateEmail" or "InvalidEmail" => "Email",
        _ => "",
    };
}
