using System.Security.Cryptography;
using ForumServer.Core.Accounts;
using ForumServer.Core.Common;
using ForumServer.Core.Forum;
using ForumServer.Core.Localization;

namespace ForumServer.Core.Media;

/// <summary>
/// Takes uploads (type decided by content, limits from <see cref="MediaOptions"/>), attaches them to the posts that
/// refer to them, and removes files and records together.
/// </summary>
public sealed class MediaService(IMediaItemStore items, IMediaStore files, ImageProcessor images, MediaOptions options, TimeProvider time)
{
    public const string Field = "Files";

    /// <summary>The error when every photo processing slot and the queue behind them are taken (answered 503).</summary>
    public const string BusyProblem = "The server is busy processing other photos. Nothing was saved; please try again in a minute.";

    // Decoding takes memory in proportion to the photo: only a few at once, a bounded line behind them.
    private readonly SemaphoreSlim _processing = new(options.MaxConcurrentProcessing, options.MaxConcurrentProcessing);
    private int _waiting;

    // Uploads counted against the hourly limit but not yet stored, per member: check and reservation are one step.
    private readonly SemaphoreSlim _reserving = new(1, 1);
    private readonly Dictionary<string, int> _inFlight = [];

    public Task<MediaItem?> GetAsync(string id) => MediaItem.IsValidId(id) ? items.GetAsync(id) : Task.FromResult<MediaItem?>(null);

    public async Task<OperationResult<MediaItem>> UploadAsync(Actor actor, Stream content, CancellationToken cancellationToken = default)
    {
        if (!actor.CanPost) return OperationResult<MediaItem>.Denied();
        var now = time.GetUtcNow();
        if (!await ReserveUploadAsync(actor.Id, now))
            return Refused(Texts.T("You can upload at most {0} files per hour. Please try again later.", options.UploadsPerHour));
        var stored = new System.Runtime.CompilerServices.StrongBox<bool>();
        _reservation.Value = stored;
        try
        {
            return await UploadReservedAsync(actor, content, now, cancellationToken);
        }
        finally
        {
            if (!stored.Value) await ReleaseUploadAsync(actor.Id);
        }
    }

    /// <summary>This call's reservation; set once its item is stored, when the stored item takes over the count.</summary>
    private readonly AsyncLocal<System.Runtime.CompilerServices.StrongBox<bool>?> _reservation = new();

    /// <summary>
    /// Stores an uploaded item and hands its reservation over to it in one step under the reservation lock, so a
    /// parallel upload never counts the same upload twice (stored and still reserved).
    /// </summary>
    private async Task AddReservedAsync(MediaItem item)
    {
        await _reserving.WaitAsync();
        try
        {
            await items.AddAsync(item);
            if (_reservation.Value is { Value: false } reservation && _inFlight.ContainsKey(item.OwnerId))
            {
                reservation.Value = true;
                if (--_inFlight[item.OwnerId] == 0) _inFlight.Remove(item.OwnerId);
            }
        }
        finally
        {
            _reserving.Release();
        }
    }

    private async Task<bool> ReserveUploadAsync(string memberId, DateTimeOffset now)
    {
        await _reserving.WaitAsync();
        try
        {
            var pending = _inFlight.GetValueOrDefault(memberId);
            if (await items.CountUploadsSinceAsync(memberId, now.AddHours(-1)) + pending >= options.UploadsPerHour) return false;
            _inFlight[memberId] = pending + 1;
            return true;
        }
        finally
        {
            _reserving.Release();
        }
    }

    private async Task ReleaseUploadAsync(string memberId)
    {
        await _reserving.WaitAsync();
        try
        {
            if (--_inFlight[memberId] == 0) _inFlight.Remove(memberId);
        }
        finally
        {
            _reserving.Release();
        }
    }

    private async Task<OperationResult<MediaItem>> UploadReservedAsync(Actor actor, Stream content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var tempPath = Path.Combine(Path.GetTempPath(), "forum-upload-" + MediaItem.NewId());
        await using var buffer = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var copied = await CopyCappedAsync(content, buffer, cancellationToken);
        if (copied.Error is { } error) return Refused(error);

        var format = copied.Format;
        try
        {
            return MediaSniffer.KindOf(format) == MediaKind.Photo
                ? await StorePhotoAsync(actor, buffer, format, now, cancellationToken)
                : await StoreVideoAsync(actor, buffer, format, copied.Hash, now, cancellationToken);
        }
        catch (IOException e)
        {
            // Disk full or failing: what was written is already removed again; the uploader gets a clear answer.
            return Refused(FieldError.Of(Field, StorageProblem + " ({0}). Nothing was saved; please try again later.", e.Message));
        }
    }

    /// <summary>Starts the error when the media folder cannot take a file (disk full, I/O error).</summary>
    public const string StorageProblem = "The server could not store the file";

    /// <summary>Refuses a post that would carry more media than allowed; <paramref name="newFiles"/> are about to be uploaded with it.</summary>
    public async Task<IReadOnlyList<FieldError>> CheckPostAsync(Actor actor, string? markdown, int newFiles)
    {
        var referenced = (await items.GetManyAsync(MediaReferences.In(markdown))).Count(i => i.OwnerId == actor.Id);
        var total = referenced + newFiles;
        return total > options.MaxFilesPerPost
            ? [FieldError.Of(Field, "A post can have at most {0} photos and videos (this one would have {1}).", options.MaxFilesPerPost, total)]
            : [];
    }

    /// <summary>Attaches the author's unattached uploads that the post refers to; detached ones are swept like any unattached upload.</summary>
    public async Task AttachAsync(Post post)
    {
        var referenced = MediaReferences.In(post.Markdown);
        var attach = (await items.GetManyAsync(referenced))
            .Where(i => i.OwnerId == post.AuthorId && (i.PostId is null || i.PostId == post.Id))
            .Take(options.MaxFilesPerPost)
            .Select(i => i.Id).ToList();
        var detach = (await items.ListOfPostAsync(post.Id)).Where(i => !attach.Contains(i.Id)).Select(i => i.Id).ToList();
        if (attach.Count > 0) await items.SetPostAsync(attach, post.Id);
        if (detach.Count > 0) await items.SetPostAsync(detach, null);
    }

    /// <summary>Deletes one item, by its uploader or a moderator.</summary>
    public async Task<OperationResult<MediaItem>> DeleteAsync(Actor actor, string id)
    {
        var item = await GetAsync(id);
        if (item is null) return OperationResult<MediaItem>.Missing();
        if (item.OwnerId != actor.Id && !actor.IsModerator) return OperationResult<MediaItem>.Denied();
        await RemoveAsync(item);
        return OperationResult<MediaItem>.Ok(item);
    }

    public async Task<int> DeleteOfPostAsync(int postId) => await RemoveAllAsync(await items.ListOfPostAsync(postId));

    /// <summary>For account removal: every file and record of the member.</summary>
    /// <summary>Uploads of a member that no post uses (an anonymized account keeps the rest with its posts).</summary>
    public async Task<int> DeleteUnattachedOfMemberAsync(string memberId) =>
        await RemoveAllAsync((await items.ListOfOwnerAsync(memberId)).Where(i => i.PostId is null));

    public async Task<int> DeleteAllOfMemberAsync(string memberId) => await RemoveAllAsync(await items.ListOfOwnerAsync(memberId));

    /// <summary>Removes uploads that no post took up within <see cref="MediaOptions.UnattachedLifetime"/>.</summary>
    public async Task<int> RemoveStaleUploadsAsync()
    {
        var before = time.GetUtcNow() - options.UnattachedLifetime;
        var removed = 0;
        while (true)
        {
            var batch = await items.ListUnattachedBeforeAsync(before, 100);
            if (batch.Count == 0) return removed;
            removed += await RemoveAllAsync(batch);
        }
    }

    public Task<Stream?> OpenAsync(MediaVariant variant, CancellationToken cancellationToken = default) =>
        files.OpenReadAsync(variant.Key, cancellationToken);

    private async Task<OperationResult<MediaItem>> StorePhotoAsync(Actor actor, FileStream buffer, MediaFormat format, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waiting) > options.MaxConcurrentProcessing + options.MaxQueuedProcessing)
        {
            Interlocked.Decrement(ref _waiting);
            return Refused(BusyProblem);
        }
        ProcessedPhoto processed;
        try
        {
            await _processing.WaitAsync(cancellationToken);
            try
            {
                var data = new byte[buffer.Length];
                buffer.Position = 0;
                await buffer.ReadExactlyAsync(data, cancellationToken);
                processed = images.Process(data, format);
            }
            finally
            {
                _processing.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        if (!processed.Succeeded) return Refused(processed.Error!);

        var item = new MediaItem { OwnerId = actor.Id, Kind = MediaKind.Photo, CreatedAt = now };
        var original = processed.Variants[0];
        (item.Width, item.Height) = (original.Width, original.Height);
        item.Bytes = processed.Variants.Sum(v => (long)v.Bytes.Length);
        if (await QuotaErrorAsync(actor, item.Bytes) is { } quota) return Refused(quota);

        var saved = new List<string>();
        try
        {
            foreach (var variant in processed.Variants)
            {
                var key = KeyOf(item, variant.Name, variant.ContentType);
                await files.SaveAsync(key, new MemoryStream(variant.Bytes, writable: false), cancellationToken);
                saved.Add(key);
                item.Variants.Add(new MediaVariant
                {
                    Name = variant.Name, Key = key, ContentType = variant.ContentType, Bytes = variant.Bytes.Length,
                    Width = variant.Width, Height = variant.Height, Hash = ImageProcessor.HashOf(variant.Bytes),
                });
            }
            await AddReservedAsync(item);
        }
        catch
        {
            foreach (var key in saved) await files.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        return OperationResult<MediaItem>.Ok(item);
    }

    private async Task<OperationResult<MediaItem>> StoreVideoAsync(Actor actor, FileStream buffer, MediaFormat format, string hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (valid, changed) = VideoValidator.Check(buffer, format);
        if (!valid)
            return Refused(Texts.T("The video's content is not a valid {0} file with at least one track holding samples. Accepted: {1}.",
                format == MediaFormat.Mp4 ? "MP4" : "WebM", Texts.T(MediaOptions.Accepted)));
        if (changed)
        {
            // Unchecked boxes were blanked: the stored file's hash (its ETag) is that of the bytes served.
            buffer.Position = 0;
            hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(buffer, cancellationToken))[..32];
        }
        if (await QuotaErrorAsync(actor, buffer.Length) is { } quota) return Refused(quota);

        var item = new MediaItem { OwnerId = actor.Id, Kind = MediaKind.Video, CreatedAt = now, Bytes = buffer.Length };
        var contentType = MediaSniffer.ContentTypeOf(format);
        var key = KeyOf(item, MediaVariant.Original, contentType);
        buffer.Position = 0;
        try
        {
            await files.SaveAsync(key, buffer, cancellationToken);
            item.Variants.Add(new MediaVariant { Name = MediaVariant.Original, Key = key, ContentType = contentType, Bytes = buffer.Length, Hash = hash });
            await AddReservedAsync(item);
        }
        catch
        {
            await files.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        return OperationResult<MediaItem>.Ok(item);
    }

    private sealed record Copied(MediaFormat Format, string Hash, FieldError? Error);

    /// <summary>Copies the upload, deciding its format from the first bytes and stopping as soon as it passes its kind's size limit.</summary>
    private async Task<Copied> CopyCappedAsync(Stream content, Stream buffer, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[81920];
        var head = new byte[MediaSniffer.HeaderLength];
        var headLength = 0;
        var format = MediaFormat.Unknown;
        long total = 0;
        long cap = Math.Max(options.MaxPhotoBytes, options.MaxVideoBytes);
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (headLength < head.Length)
            {
                var take = Math.Min(read, head.Length - headLength);
                Array.Copy(chunk, 0, head, headLength, take);
                headLength += take;
                if (headLength == head.Length && (format = Decide()) == MediaFormat.Unknown) return NotAccepted();
            }
            total += read;
            if (total > cap) return TooLarge();
            hash.AppendData(chunk, 0, read);
            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }
        if (total == 0) return new Copied(MediaFormat.Unknown, "", new FieldError(Field, "The file is empty."));
        if (headLength < head.Length && (format = Decide()) == MediaFormat.Unknown) return NotAccepted();
        return new Copied(format, Convert.ToHexStringLower(hash.GetHashAndReset())[..32], null);

        MediaFormat Decide()
        {
            var detected = MediaSniffer.Detect(head.AsSpan(0, headLength));
            if (detected != MediaFormat.Unknown)
                cap = MediaSniffer.KindOf(detected) == MediaKind.Photo ? options.MaxPhotoBytes : options.MaxVideoBytes;
            return detected;
        }

        Copied NotAccepted() => new(MediaFormat.Unknown, "", FieldError.Of(Field, "This file type is not accepted. Accepted: {0}.", MediaOptions.Accepted));

        Copied TooLarge() => new(format, "", format == MediaFormat.Unknown || MediaSniffer.KindOf(format) == MediaKind.Photo
            ? FieldError.Of(Field, "The photo is too large: at most {0} per photo.", Megabytes(options.MaxPhotoBytes))
            : FieldError.Of(Field, "The video is too large: at most {0} per video.", Megabytes(options.MaxVideoBytes)));
    }

    private async Task<FieldError?> QuotaErrorAsync(Actor actor, long adding)
    {
        var used = await items.TotalBytesOfOwnerAsync(actor.Id);
        return used + adding > options.MemberQuotaBytes
            ? FieldError.Of(Field, "Your storage is full: you use {0} of {1} and this file needs {2}. Delete some media first.", Megabytes(used), Megabytes(options.MemberQuotaBytes), Megabytes(adding))
            : null;
    }

    private async Task<int> RemoveAllAsync(IEnumerable<MediaItem> list)
    {
        var count = 0;
        foreach (var item in list)
        {
            await RemoveAsync(item);
            count++;
        }
        return count;
    }

    private async Task RemoveAsync(MediaItem item)
    {
        foreach (var variant in item.Variants) await files.DeleteAsync(variant.Key);
        await items.DeleteAsync(item.Id);
    }

    private static string KeyOf(MediaItem item, string variant, string contentType) =>
        $"{item.Id}-{variant}.{MediaSniffer.ExtensionOf(contentType)}";

    private static string Megabytes(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";

    private static OperationResult<MediaItem> Refused(string message) => Refused(new FieldError(Field, message));

    private static OperationResult<MediaItem> Refused(FieldError error) => OperationResult<MediaItem>.Invalid(error);
}
