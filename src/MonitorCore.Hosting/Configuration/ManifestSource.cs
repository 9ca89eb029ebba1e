using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace MonitorCore.Hosting.Configuration;

/// <summary>
/// The manifest file, <c>config/monitors.json</c>: which monitors run under which key, with which options. Its
/// top level is the <c>Monitors</c> section (an object of entries keyed by monitor key; a single
/// <c>"Monitors"</c> wrapper is accepted too). It sits just above the config file: an entry there and here
/// with one key is refused, never merged.
/// </summary>
public sealed class ManifestSource(string path) : IConfigurationSource
{
    /// <summary>The manifest's place, relative to the working folder.</summary>
    public const string RelativePath = "config/monitors.json";

    public string Path { get; } = path;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(Path);

    public sealed class Provider(string path) : ConfigurationProvider, INamedConfigurationProvider
    {
        public string Path { get; } = path;

        public string SourceName => "manifest " + RelativePath;

        public override void Load()
        {
            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(File.ReadAllBytes(Path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (JsonException ex)
            {
                throw new ConfigurationErrorException(
                    $"The manifest {RelativePath} is not valid JSON: line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: {ex.Message.Split(" Path:")[0]}");
            }
            catch (IOException ex)
            {
                throw new ConfigurationErrorException($"The manifest {RelativePath} cannot be read: {ex.Message}");
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new ConfigurationErrorException($"The manifest {RelativePath} cannot be read: {ex.Message}");
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new ConfigurationErrorException($"The manifest {RelativePath} must be an object of monitors by key, e.g. {{\"exchange_up\": {{\"Type\": \"http\", \"Url\": \"https://…\"}}}}.");
                }

                if (root.EnumerateObject().ToList() is [{ } only] && only.Name.Equals("Monitors", StringComparison.OrdinalIgnoreCase) && only.Value.ValueKind == JsonValueKind.Object)
                {
                    root = only.Value;
                }

                Flatten(root, "Monitors", data);
            }

            Data = data;
        }

        private static void Flatten(JsonElement element, string key, Dictionary<string, string?> data)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Flatten(property.Value, key + ":" + property.Name, data);
                    }

                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Flatten(item, key + ":" + index.ToString(CultureInfo.InvariantCulture), data);
                        index++;
                    }

                    break;
                case JsonValueKind.Null:
                    data[key] = null;
                    break;
                case JsonValueKind.String:
                    data[key] = element.GetString();
                    break;
                default:
                    data[key] = element.GetRawText();
                    break;
            }
        }
    }
}
