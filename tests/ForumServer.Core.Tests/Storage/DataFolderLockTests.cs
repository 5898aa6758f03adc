using ForumServer.Storage.LiteDb;

namespace ForumServer.Core.Tests.Storage;

public sealed class DataFolderLockTests
{
    [Fact]
    public void Second_lock_on_the_same_folder_is_refused_with_a_message_that_says_so()
    {
        using var folder = new TempFolder();
        using (DataFolderLock.Acquire(folder.Path))
        {
            var e = Assert.Throws<DataFolderInUseException>(() => DataFolderLock.Acquire(folder.Path));
            Assert.Contains("is still held by a host of this process", e.Message); // a second process gets "in use by another ForumServer process"
        }
        using var again = DataFolderLock.Acquire(folder.Path); // released on dispose
    }

    [Fact]
    public void Dates_survive_a_round_trip_through_the_database_file()
    {
        using var folder = new TempFolder();
        var when = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(2));
        var file = System.IO.Path.Combine(folder.Path, "forum.db");
        using (var db = new ForumDatabase(file))
            db.Posts.Insert(new ForumServer.Core.Forum.Post { TopicId = 1, CreatedAt = when, EditedAt = when });
        using (var db = new ForumDatabase(file))
        {
            var post = db.Posts.FindAll().Single();
            Assert.Equal(when, post.CreatedAt);
            Assert.Equal(when, post.EditedAt);
        }
    }
}
