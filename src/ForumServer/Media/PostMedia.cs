using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Localization;
using ForumServer.Core.Media;

namespace ForumServer.Media;

/// <summary>Files sent with a post form (the no-JavaScript path): uploaded, then referenced at the end of the post's Markdown.</summary>
public sealed class PostMedia(MediaService media)
{
    public sealed record Prepared(string? Markdown, IReadOnlyList<FieldError> Errors, IReadOnlyList<MediaItem> Uploaded)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    public async Task<Prepared> PrepareAsync(Actor actor, string? markdown, IReadOnlyList<IFormFile>? files, CancellationToken cancellationToken = default)
    {
        files = files?.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList() ?? [];
        var errors = await media.CheckPostAsync(actor, markdown, files.Count);
        if (errors.Count > 0 || files.Count == 0) return new Prepared(markdown, errors, []);

        var uploaded = new List<MediaItem>();
        var text = (markdown ?? "").TrimEnd();
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var result = await media.UploadAsync(actor, stream, cancellationToken);
            if (!result.Succeeded)
            {
                await DiscardAsync(actor, uploaded);
                var reason = result.Forbidden ? Texts.T("Confirm your email address before you upload.") : result.Errors[0].Text;
                return new Prepared(markdown, [FieldError.Of(MediaService.Field, "{0}: {1}", Path.GetFileName(file.FileName), reason)], []);
            }
            uploaded.Add(result.Value!);
            text += "\n\n" + MediaReferences.MarkdownFor(result.Value!, file.FileName);
        }
        return new Prepared(text.TrimStart() + "\n", [], uploaded);
    }

    /// <summary>
    /// The one way a post form saves with its files: uploads them, calls <paramref name="save"/> with the Markdown that
    /// references them, and removes the uploads again when the post was not saved.
    /// </summary>
    public async Task<OperationResult<T>> SaveWithFilesAsync<T>(Actor actor, string? markdown, IReadOnlyList<IFormFile>? files,
        Func<string?, Task<OperationResult<T>>> save, CancellationToken cancellationToken = default)
    {
        var prepared = await PrepareAsync(actor, markdown, files, cancellationToken);
        var result = prepared.Succeeded ? await save(prepared.Markdown) : OperationResult<T>.Invalid([.. prepared.Errors]);
        if (!result.Succeeded) await DiscardAsync(actor, prepared.Uploaded);
        return result;
    }

    /// <summary>Removes uploads of a post that was not saved after all.</summary>
    public async Task DiscardAsync(Actor actor, IEnumerable<MediaItem> uploaded)
    {
        foreach (var item in uploaded) await media.DeleteAsync(actor, item.Id);
    }
}
