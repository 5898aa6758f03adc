using System.Security.Cryptography;
using System.Text;
using ForumServer.Storage.LiteDb;

namespace ForumServer.Tests.Infrastructure;

/// <summary>A digest of every document in every collection, to prove a request changed nothing.</summary>
public static class DatabaseSnapshot
{
    public static string Take(ForumApp app)
    {
        var db = app.Service<ForumDatabase>().Database;
        var sb = new StringBuilder();
        foreach (var name in db.GetCollectionNames().Order(StringComparer.Ordinal))
        {
            sb.Append(name).Append(':');
            foreach (var doc in db.GetCollection(name).FindAll().OrderBy(d => d["_id"].ToString(), StringComparer.Ordinal))
                sb.Append(LiteDB.JsonSerializer.Serialize(doc)).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
