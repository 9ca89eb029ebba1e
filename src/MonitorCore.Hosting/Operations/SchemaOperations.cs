using System.Text.Json.Nodes;
using MonitorCore.Hosting.Configuration;

namespace MonitorCore.Hosting.Operations;

/// <summary>The JSON Schemas there are (<c>GET /api/schemas</c>, <c>monitorcore config schema</c>).</summary>
public sealed record SchemaList(IReadOnlyList<SchemaInfo> Schemas);

/// <summary>What <c>config schema --write</c> or <c>--check</c> found: the files under the docs folder that were (or would be) rewritten.</summary>
public sealed record SchemaFiles(string Directory, IReadOnlyList<string> Changed, string RegenerateCommand);

/// <summary>
/// The JSON Schemas of the configuration file, the manifest and the check types, and the configuration reference,
/// generated from the options types of this installation (a plugin's options included); see <see cref="ConfigurationSchemas"/>.
/// </summary>
public sealed class SchemaOperations(ConfigurationSchemas schemas)
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "An operation: the faces call it on the facade.")]
    public SchemaList List() => new(ConfigurationSchemas.Schemas);

    /// <summary>The schema named <paramref name="name"/>; not found names the schemas there are.</summary>
    public JsonObject Get(string name) =>
        schemas.Get(name) ?? throw OperationException.NotFound(
            $"There is no schema '{name}'; the schemas are {string.Join(", ", ConfigurationSchemas.Schemas.Select(s => s.Name))}.", "name");

    /// <summary>The committed files under <paramref name="docsDirectory"/> that differ from what the code generates (nothing is written).</summary>
    public SchemaFiles Check(string docsDirectory) =>
        new(docsDirectory, schemas.Drift(docsDirectory), ConfigurationSchemas.RegenerateCommand);

    /// <summary>Writes every schema and the reference under <paramref name="docsDirectory"/>; returns the files that changed.</summary>
    public async Task<SchemaFiles> WriteAsync(string docsDirectory, CancellationToken cancellationToken)
    {
        var changed = schemas.Drift(docsDirectory);
        try
        {
            foreach (var (file, text) in schemas.Files().Where(f => changed.Contains(f.Key)))
            {
                var path = Path.Combine(docsDirectory, file);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, text, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw OperationException.Unavailable($"Could not write the schemas under {docsDirectory}: {ex.Message}", ex);
        }

        return new SchemaFiles(docsDirectory, changed, ConfigurationSchemas.RegenerateCommand);
    }
}
