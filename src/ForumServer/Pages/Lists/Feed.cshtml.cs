using System.Xml;
using System.Xml.Linq;
using ForumServer.Core.Common;
using ForumServer.Core.Lists;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ForumServer.Pages.Lists;

/// <summary>The Atom feed of a list's archive.</summary>
public sealed class FeedModel(IListStore store, ListAddresses addresses, SiteOptions site) : PageModel
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public async Task<IActionResult> OnGetAsync(string list)
    {
        if (await store.FindListAsync(list) is not { } found) return NotFound();
        var issues = await store.ListIssuesAsync(found.Id, publishedOnly: true, 50);
        var archive = addresses.ArchiveUrl(found);
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", archive),
            new XElement(Atom + "title", $"{site.SiteName} {found.Name}"),
            new XElement(Atom + "subtitle", found.Description),
            new XElement(Atom + "updated", XmlConvert.ToString((issues.FirstOrDefault()?.SentAt ?? DateTimeOffset.UnixEpoch).UtcDateTime, XmlDateTimeSerializationMode.Utc)),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("href", archive)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("href", site.Link($"/lists/{found.Id}/feed"))),
            issues.Select(issue => new XElement(Atom + "entry",
                new XElement(Atom + "id", addresses.IssueUrl(issue)),
                new XElement(Atom + "title", issue.Subject),
                new XElement(Atom + "updated", XmlConvert.ToString(issue.SentAt!.Value.UtcDateTime, XmlDateTimeSerializationMode.Utc)),
                new XElement(Atom + "author", new XElement(Atom + "name", site.SiteName)),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("href", addresses.IssueUrl(issue))),
                new XElement(Atom + "content", new XAttribute("type", "html"), issue.BodyHtml))));
        var xml = new XDocument(new XDeclaration("1.0", "utf-8", null), feed);
        return Content(xml.Declaration + "\n" + xml.Root, "application/atom+xml; charset=utf-8");
    }
}
