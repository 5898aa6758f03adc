using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace ForumServer.Storage.PostgreSql;

/// <summary>DataProtection keys in the shared database, so every server reads the cookies the others wrote.</summary>
public sealed class PgXmlRepository(PgDatabase db) : IXmlRepository
{
    // DataProtection calls these synchronously, at start-up and when a key rolls over.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = db.DataSource.OpenConnection();
        using var command = PgDatabase.Command(connection, "SELECT xml FROM dataprotection_keys ORDER BY name", []);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = db.DataSource.OpenConnection();
        using var command = PgDatabase.Command(connection,
            "INSERT INTO dataprotection_keys (name, xml) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
            [friendlyName, element.ToString(SaveOptions.DisableFormatting)]);
        command.ExecuteNonQuery();
    }
}
