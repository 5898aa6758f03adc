using System.Security.Cryptography;
using System.Text;

namespace ForumServer.Core.Lists;

/// <summary>
/// The secret behind the token in VERP bounce addresses: a bounce counts only when its address carries the HMAC of
/// the recipient it names, so nobody can make up bounces for someone else. Kept as a file in the data folder.
/// </summary>
public sealed class BounceKey(byte[] key)
{
    public const string FileName = "bounce.key";
    private const int TagBytes = 10;

    /// <summary>20 lower-case hex digits: MTAs may change the case of a local part, hex survives that.</summary>
    public string TagOf(string recipient) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(recipient.Trim().ToLowerInvariant())).AsSpan(0, TagBytes));

    public bool Matches(string recipient, string tag)
    {
        var expected = Encoding.ASCII.GetBytes(TagOf(recipient));
        var given = Encoding.ASCII.GetBytes(tag.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public static BounceKey Random() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key in <paramref name="folder"/>, created on first use (and shared by every instance using that folder).</summary>
    public static BounceKey LoadOrCreate(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(folder);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temp, RandomNumberGenerator.GetBytes(32));
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp); // another process made it first: use theirs
            }
        }
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 32) throw new InvalidOperationException($"{path} is damaged (shorter than 32 bytes); delete it to make a new one.");
        return new BounceKey(bytes);
    }
}
