using System.Net;
using ForumServer.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ForumServer.Tests.Infrastructure;

/// <summary>What a person does through the pages, in steps other tests build on.</summary>
public static class Flows
{
    public const string Password = "correct horse battery";

    public static async Task<TestBrowser.Page> RegisterAsync(this TestBrowser browser, string name, string email, string password = Password)
    {
        var form = await browser.GetAsync("/account/register");
        return await browser.SubmitAsync(form, "main form", new()
        {
            ["Input.DisplayName"] = name, ["Input.Email"] = email, ["Input.Password"] = password,
        });
    }

    public static async Task ConfirmEmailFromMailAsync(this TestBrowser browser, ForumApp app, string email)
    {
        var mail = await app.Mailbox.WaitForAsync(email, "Confirm your email");
        var page = await browser.GetAsync(Mailbox.LinkIn(mail));
        var done = await browser.SubmitAsync(page, "main form");
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Contains("is confirmed", done.Html);
    }

    public static async Task<TestBrowser.Page> SignInAsync(this TestBrowser browser, string email, string password = Password)
    {
        var form = await browser.GetAsync("/account/login");
        return await browser.SubmitAsync(form, "main form", new() { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    /// <summary>Registers through the pages, confirms from the mail and signs in: for the tests of registration itself.</summary>
    public static async Task<TestBrowser> RegisterMemberAsync(this ForumApp app, string name, string email)
    {
        var browser = app.NewBrowser();
        var registered = await browser.RegisterAsync(name, email);
        Assert.Equal(HttpStatusCode.OK, registered.Status);
        await browser.ConfirmEmailFromMailAsync(app, email);
        var signedIn = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        return browser;
    }

    /// <summary>A member with a confirmed email, made as registration makes one (through UserManager), signed in through the page.</summary>
    public static async Task<TestBrowser> NewMemberAsync(this ForumApp app, string name, string email)
    {
        await app.SeedMemberAsync(name, email);
        var browser = app.NewBrowser();
        var signedIn = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        return browser;
    }

    /// <summary>Stores a confirmed member with the test password, skipping the registration pages and mail.</summary>
    public static async Task<Member> SeedMemberAsync(this ForumApp app, string name, string email, string password = Password)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = new Member
        {
            DisplayName = name, Email = email, EmailConfirmed = true,
            CreatedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        member.Roles.Add(Roles.Member);
        var created = await users.CreateAsync(member, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return member;
    }

    /// <summary>Gives an existing member a role directly in the store (as an administrator would) and signs in again.</summary>
    public static async Task<TestBrowser> WithRoleAsync(this ForumApp app, TestBrowser browser, string email, string role)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = (await users.FindByEmailAsync(email))!;
        var granted = await users.AddToRoleAsync(member, role);
        Assert.True(granted.Succeeded, string.Join("; ", granted.Errors.Select(e => e.Description)));
        var signedIn = await browser.SignInAsync(email);
        Assert.True(signedIn.Status == HttpStatusCode.Redirect, $"Signing in again with the {role} role answered {signedIn.Status}");
        return browser;
    }

    public static async Task<TestBrowser.Page> CreateTopicAsync(this TestBrowser browser, int categoryId, string title, string body)
    {
        var form = await browser.GetAsync($"/c/{categoryId}/new");
        return await browser.SubmitAsync(form, "form.editor", new() { ["Input.Title"] = title, ["Input.Body"] = body });
    }

    public static async Task<TestBrowser.Page> ReplyAsync(this TestBrowser browser, string topicUrl, string body)
    {
        var page = await browser.GetAsync(topicUrl);
        return await browser.SubmitAsync(page, "form#reply", new() { ["Input.Body"] = body });
    }
}
