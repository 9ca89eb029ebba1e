using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MonitorCore.Configuration;
using MonitorCore.Monitors.Checks;

namespace MonitorCore.Hosting.Configuration;

/// <summary>One JSON Schema: its name (<c>GET /api/schemas/{name}</c>), the file it is committed as, and what it describes.</summary>
public sealed record SchemaInfo(string Name, string File, string Title);

/// <summary>
/// JSON Schemas (draft 2020-12) of the configuration file, the manifest and each check type, and the configuration
/// reference, generated from the options types (the sections registered with <see cref="DocumentedSection"/>) by the
/// runtime's <see cref="JsonSchemaExporter"/>: descriptions from the options' XML documentation, defaults from a new
/// instance, limits from their data annotations. The same text is committed under <c>docs/</c> and a test fails when it drifts.
/// </summary>
public sealed class ConfigurationSchemas
{
    public const string ConfigName = "monitorcore";

    public const string ManifestName = "monitors";

    /// <summary>The file the reference is committed as, relative to <c>docs/</c>.</summary>
    public const string ReferenceFile = "configuration.md";

    /// <summary>What regenerates the committed files, for messages.</summary>
    public const string RegenerateCommand = "./monitorcore config schema --write docs";

    private static readonly (string Type, Type Options)[] CheckTypes =
    [
        ("http", typeof(HttpCheckOptions)),
        ("tcp", typeof(TcpCheckOptions)),
        ("command", typeof(CommandCheckOptions)),
        ("dns", typeof(DnsCheckOptions)),
    ];

    /// <summary>Sections read without an options type (see <see cref="UnknownSettings"/>), described by hand.</summary>
    private static readonly (string Section, string Type, string Description)[] FreeForm =
    [
        ("Logging", "object", "Log levels, as Microsoft.Extensions.Logging reads them: `Logging:LogLevel:Default`, `Logging:LogLevel:<category>`; a level that is not one is refused at start-up."),
        ("Timers:Path", "string", "The timer file (per-monitor intervals that `monitorcore timers set` writes); default `timers.json` in the data folder."),
    ];

    private static readonly JsonSerializerOptions Json = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OnlyBoundProperties } },
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const string ExporterTimeSpanPattern = @"^-?(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d{1,7})?$";

    private const string TimeSpanPattern = @"^-?(\d+|(\d+\.)?\d{1,2}:\d{2}(:\d{2}(\.\d{1,7})?)?)$";

    private readonly List<DocumentedSection> _sections;

    public ConfigurationSchemas(IEnumerable<DocumentedSection> sections)
    {
        _sections = [.. sections
            .Where(s => !typeof(CheckOptions).IsAssignableFrom(s.OptionsType))
            .DistinctBy(s => s.Section, StringComparer.OrdinalIgnoreCase)
            .OrderBy(s => s.Section, StringComparer.Ordinal)];
    }

    public static IReadOnlyList<SchemaInfo> Schemas =>
    [
        new(ConfigName, $"schemas/{ConfigName}.schema.json", "monitorcore.json: the configuration file"),
        new(ManifestName, $"schemas/{ManifestName}.schema.json", "config/monitors.json: the manifest (the Monitors section on its own)"),
        .. CheckTypes.Select(c => new SchemaInfo($"check-{c.Type}", $"schemas/check-{c.Type}.schema.json", $"a manifest entry with \"Type\": \"{c.Type}\"")),
    ];

    /// <summary>The schema named <paramref name="name"/> (case-insensitive), or null.</summary>
    public JsonObject? Get(string name)
    {
        var info = Schemas.FirstOrDefault(s => s.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));
        if (info is null)
        {
            return null;
        }

        JsonObject body;
        if (info.Name == ConfigName)
        {
            body = ConfigSchema();
        }
        else if (info.Name == ManifestName)
        {
            body = MonitorsSchema();
            body["description"] = "config/monitors.json: which monitors run, under which key, when and with which options. Its top level is the `Monitors` section of the configuration file; a built-in monitor's key takes its options, any other key is a check naming its `Type`.";
            body["$defs"] = CheckDefinitions();
        }
        else
        {
            var (type, options) = CheckTypes.Single(c => $"check-{c.Type}" == info.Name);
            body = CheckSchema(type, options);
        }

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"{info.Name}.schema.json",
            ["title"] = info.Title,
        };
        foreach (var (key, value) in body.ToList())
        {
            body.Remove(key);
            schema[key] = value;
        }

        return schema;
    }

    /// <summary>A schema as the committed file has it: indented, non-ASCII as is, one final newline.</summary>
    public static string Text(JsonNode schema) => schema.ToJsonString(Json) + "\n";

    /// <summary>Every committed file (relative to <c>docs/</c>) with the text it should have.</summary>
    public IReadOnlyDictionary<string, string> Files()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var info in Schemas)
        {
            files[info.File] = Text(Get(info.Name)!);
        }

        files[ReferenceFile] = Reference();
        return files;
    }

    /// <summary>The files under <paramref name="docsDirectory"/> that are missing or differ from what the code generates.</summary>
    public IReadOnlyList<string> Drift(string docsDirectory) =>
        [.. Files().Where(f =>
        {
            var path = Path.Combine(docsDirectory, f.Key);
            return !File.Exists(path) || File.ReadAllText(path).ReplaceLineEndings("\n") != f.Value;
        }).Select(f => f.Key)];

    private JsonObject ConfigSchema()
    {
        var root = Object("monitorcore.json (or `--config FILE`): every setting; the environment (`MONITORCORE_<Section>__<Key>`) and the command line override it. Keys are case-insensitive; one that nothing reads is refused at start-up.");
        foreach (var section in _sections)
        {
            var parts = section.Section.Split(':');
            var parent = Node(root, parts[..^1]);
            var schema = TypeSchema(section.OptionsType);
            if (Properties(parent)[parts[^1]] is JsonObject existing)
            {
                // A section with its own options under a section that has children: keep both.
                foreach (var (key, value) in Properties(existing).ToList())
                {
                    Properties(existing).Remove(key);
                    Properties(schema)[key] = value;
                }

                Properties(parent).Remove(parts[^1]);
            }

            Properties(parent)[parts[^1]] = schema;
        }

        foreach (var (section, type, description) in FreeForm)
        {
            var parts = section.Split(':');
            Properties(Node(root, parts[..^1]))[parts[^1]] = new JsonObject { ["type"] = type, ["description"] = description };
        }

        var monitors = MonitorsSchema();
        Properties(root)["Monitors"] = monitors;
        root["$defs"] = CheckDefinitions();
        return root;
    }

    /// <summary>The <c>Monitors</c> section: the built-in monitors' options by key, and checks under any other key.</summary>
    private JsonObject MonitorsSchema()
    {
        var monitors = Object("Which monitors run, under which key, when and with which options: a built-in monitor's options under its key, and a declarative check under any other key (see docs/checks.md).");
        foreach (var section in _sections.Where(s => s.Section.StartsWith("Monitors:", StringComparison.OrdinalIgnoreCase)))
        {
            Properties(monitors)[section.Section["Monitors:".Length..]] = TypeSchema(section.OptionsType);
        }

        monitors["additionalProperties"] = new JsonObject { ["$ref"] = "#/$defs/check" };
        monitors["propertyNames"] = new JsonObject { ["pattern"] = "^[a-z][a-z0-9_]*$" };
        return monitors;
    }

    private static JsonObject CheckDefinitions()
    {
        var defs = new JsonObject
        {
            ["check"] = new JsonObject
            {
                ["description"] = "A declarative check: its `Type` says which.",
                ["oneOf"] = new JsonArray([.. CheckTypes.Select(c => (JsonNode)new JsonObject { ["$ref"] = $"#/$defs/check-{c.Type}" })]),
            },
        };
        foreach (var (type, options) in CheckTypes)
        {
            defs[$"check-{type}"] = CheckSchema(type, options);
        }

        return defs;
    }

    private static JsonObject CheckSchema(string type, Type options)
    {
        var schema = TypeSchema(options);
        var properties = Properties(schema);
        var typeProperty = (JsonObject)properties["Type"]!;
        typeProperty.Remove("type");
        typeProperty.Remove("minLength");
        typeProperty["const"] = type;
        properties.Remove("Type");
        properties.Insert(0, "Type", typeProperty);
        return schema;
    }

    /// <summary>The schema of one options type, with descriptions, defaults and limits, closed to unknown keys.</summary>
    private static JsonObject TypeSchema(Type type)
    {
        var schema = (JsonObject)Json.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
        var instance = type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null ? null : Activator.CreateInstance(type);
        Annotate(schema, type, instance);
        if (XmlDocs.Summary(type) is { } summary)
        {
            schema.Insert(0, "description", summary);
        }

        return schema;
    }

    private static void Annotate(JsonObject schema, Type type, object? instance)
    {
        // The configuration binder fills an absent object with a new one: the file never needs to write null.
        if (schema["type"] is JsonArray types && types.Any(t => (string?)t == "object"))
        {
            schema["type"] = "object";
        }

        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }

        schema["additionalProperties"] = false;
        var required = new JsonArray();
        foreach (var (name, node) in properties.ToList())
        {
            if (node is not JsonObject property || type.GetProperty(name) is not { } info)
            {
                continue;
            }

            var value = instance is null ? null : info.GetValue(instance);
            var described = new JsonObject();
            if (XmlDocs.Summary(info) is { } summary)
            {
                described["description"] = summary;
            }

            foreach (var (key, child) in property.ToList())
            {
                property.Remove(key);
                described[key] = child;
            }

            properties[name] = described;
            Limits(described, info, value, required);
            if ((string?)described["pattern"] is { } pattern && pattern == ExporterTimeSpanPattern)
            {
                // The binder reads a duration with TimeSpan.Parse: 0:05:00, 00:05, 1.00:00:00 (a day), 2 (days).
                described["pattern"] = TimeSpanPattern;
            }

            if (instance is not null && value is not null && !info.PropertyType.IsAbstract && !required.Any(r => (string?)r == name))
            {
                described["default"] = JsonSerializer.SerializeToNode(value, info.PropertyType, Json);
            }

            if (IsOptionsObject(info.PropertyType))
            {
                Annotate(described, info.PropertyType, value ?? Activator.CreateInstance(info.PropertyType));
                described.Remove("default");
            }
            else if (described["items"] is JsonObject items && ElementType(info.PropertyType) is { } element && IsOptionsObject(element))
            {
                Annotate(items, element, Activator.CreateInstance(element));
            }
        }

        if (required.Count > 0)
        {
            schema["required"] = required;
        }
        else
        {
            schema.Remove("required");
        }
    }

    /// <summary>The data annotations the start-up check applies, as schema keywords (and in words where the schema has none).</summary>
    private static void Limits(JsonObject property, PropertyInfo info, object? value, JsonArray required)
    {
        var notes = new List<string>();
        foreach (var attribute in info.GetCustomAttributes<ValidationAttribute>())
        {
            switch (attribute)
            {
                case RequiredAttribute:
                    // Required means "not empty": one with a default need not be written.
                    if (value is null or "")
                    {
                        required.Add(info.Name);
                    }

                    if (info.PropertyType == typeof(string))
                    {
                        property["minLength"] = 1;
                    }

                    break;
                case RangeAttribute range when IsNumber(info.PropertyType):
                    property["minimum"] = JsonValue.Create(Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture));
                    property["maximum"] = JsonValue.Create(Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture));
                    break;
                case RangeAttribute range:
                    notes.Add($"from {range.Minimum} to {range.Maximum}");
                    break;
                case StringLengthAttribute length:
                    property["maxLength"] = length.MaximumLength;
                    if (length.MinimumLength > 0)
                    {
                        property["minLength"] = length.MinimumLength;
                    }

                    break;
                case RegularExpressionAttribute regex when !regex.Pattern.Contains("(?", StringComparison.Ordinal):
                    property["pattern"] = regex.Pattern;
                    break;
                case RegularExpressionAttribute regex:
                    notes.Add(regex.ErrorMessage ?? $"matching {regex.Pattern}");
                    break;
                default:
                    break;
            }
        }

        if (notes.Count > 0)
        {
            property["x-limits"] = string.Join("; ", notes);
        }
    }

    private static bool IsNumber(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(decimal) || t == typeof(float));

    /// <summary>A nested options object (not a string, collection or framework type), as the start-up check walks into.</summary>
    private static bool IsOptionsObject(Type type) =>
        type.IsClass && !type.IsAbstract && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type)
        && type.GetConstructor(Type.EmptyTypes) is not null
        && !(type.Namespace ?? "").StartsWith("System", StringComparison.Ordinal)
        && !(type.Namespace ?? "").StartsWith("Microsoft", StringComparison.Ordinal);

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments() is [var single] ? single
        : null;

    /// <summary>Only what the configuration binder sets: public properties with a setter, or a collection or object it fills in place.</summary>
    private static void OnlyBoundProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties.ToList())
        {
            var member = property.AttributeProvider as PropertyInfo;
            var filledInPlace = member is not null && member.SetMethod is null
                && (typeof(IDictionary).IsAssignableFrom(member.PropertyType) || typeof(IList).IsAssignableFrom(member.PropertyType) || IsOptionsObject(member.PropertyType));
            if (member is null || (member.SetMethod?.IsPublic != true && !filledInPlace))
            {
                info.Properties.Remove(property);
            }
        }
    }

    private static JsonObject Object(string description) => new()
    {
        ["description"] = description,
        ["type"] = "object",
        ["properties"] = new JsonObject(),
        ["additionalProperties"] = false,
    };

    private static JsonObject Properties(JsonObject schema) => (JsonObject)(schema["properties"] ??= new JsonObject());

    /// <summary>The object schema at <paramref name="path"/> under <paramref name="root"/>, made when absent.</summary>
    private static JsonObject Node(JsonObject root, string[] path)
    {
        var node = root;
        foreach (var part in path)
        {
            node = Properties(node)[part] as JsonObject ?? (JsonObject)(Properties(node)[part] = Object($"The `{part}` settings."));
        }

        return node;
    }

    /// <summary>The configuration reference: every setting of every section and check type, from the same schemas.</summary>
    public string Reference()
    {
        var text = new StringBuilder();
        text.Append("""
            # Configuration reference

            <!-- Generated from the options types by `./monitorcore config schema --write docs`; do not edit by hand. -->

            Every setting of `monitorcore.json`, generated from the same options types as the JSON Schemas in
            [`schemas/`](schemas/) (`GET /api/schemas/{name}` serves them). A key is written `Section:Key` here;
            in the file it nests (`{"Section": {"Key": …}}`), in the environment it is `MONITORCORE_Section__Key`.
            Keys are case-insensitive. Durations are `hh:mm:ss` (`1.00:00:00` is a day). A key that nothing reads
            is refused at start-up, as is a value outside its limits. The checks of the manifest are explained in
            [checks.md](checks.md).

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        var config = Get(ConfigName)!;
        var top = (JsonObject)config["properties"]!;
        foreach (var (name, node) in top)
        {
            Section(text, name, (JsonObject)node!, 2);
        }

        text.Append("\n## Check types\n\nA manifest entry (`Monitors:<key>` with a `Type`); the keys every type shares come first.\n");
        foreach (var (type, _) in CheckTypes)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n### `{type}`\n\n");
            Table(text, "", (JsonObject)config["$defs"]![$"check-{type}"]!);
        }

        return text.ToString();
    }

    private static void Section(StringBuilder text, string path, JsonObject schema, int depth)
    {
        text.Append(CultureInfo.InvariantCulture, $"\n{new string('#', Math.Min(depth, 4))} `{path}`\n\n");
        if ((string?)schema["description"] is { } description)
        {
            text.Append(description).Append("\n\n");
        }

        if (path == "Monitors")
        {
            text.Append("Any other key is a declarative check: see [Check types](#check-types).\n");
        }

        var leaves = (schema["properties"] as JsonObject)?.Where(p => !IsSection(p.Value)).ToList() ?? [];
        if (leaves.Count > 0 || schema["properties"] is null)
        {
            Table(text, "", schema);
        }

        foreach (var (name, node) in (schema["properties"] as JsonObject)?.Where(p => IsSection(p.Value)).ToList() ?? [])
        {
            Section(text, $"{path}:{name}", (JsonObject)node!, depth + 1);
        }
    }

    /// <summary>A nested object with properties of its own gets its own heading.</summary>
    private static bool IsSection(JsonNode? node) => node is JsonObject o && o["properties"] is JsonObject { Count: > 0 };

    private static void Table(StringBuilder text, string prefix, JsonObject schema)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            text.Append(CultureInfo.InvariantCulture, $"Type: {TypeOf(schema)}.\n");
            return;
        }

        var required = (schema["required"] as JsonArray)?.Select(r => (string?)r).ToHashSet() ?? [];
        text.Append("| Key | Type | Default | Limits | Description |\n| --- | --- | --- | --- | --- |\n");
        foreach (var (name, node) in properties)
        {
            if (IsSection(node))
            {
                continue;
            }

            var p = (JsonObject)node!;
            text.Append(CultureInfo.InvariantCulture, $"| `{prefix}{name}` | {TypeOf(p)} | {Default(p, required.Contains(name))} | {Cell(LimitsOf(p))} | {Cell((string?)p["description"] ?? "")} |\n");
            if (p["items"] is JsonObject items && items["properties"] is JsonObject itemProperties)
            {
                var itemRequired = (items["required"] as JsonArray)?.Select(r => (string?)r).ToHashSet() ?? [];
                foreach (var (itemName, itemNode) in itemProperties)
                {
                    var item = (JsonObject)itemNode!;
                    text.Append(CultureInfo.InvariantCulture, $"| `{prefix}{name}:N:{itemName}` | {TypeOf(item)} | {Default(item, itemRequired.Contains(itemName))} | {Cell(LimitsOf(item))} | {Cell((string?)item["description"] ?? "")} |\n");
                }
            }
        }
    }

    private static string TypeOf(JsonObject p)
    {
        if (p["const"] is { } constant)
        {
            return $"`{constant.ToJsonString()}`";
        }

        if (p["enum"] is JsonArray values)
        {
            return "one of " + string.Join(", ", values.Select(v => $"`{(string?)v}`"));
        }

        var types = p["type"] switch
        {
            JsonArray a => a.Select(t => (string?)t).Where(t => t != "null").ToList(),
            JsonValue v => [(string?)v],
            _ => [],
        };
        var type = string.Join(" or ", types);
        if ((string?)p["$comment"] is { } comment && comment.Contains("TimeSpan", StringComparison.Ordinal))
        {
            return "duration";
        }

        return type switch
        {
            "array" when p["items"] is JsonObject items => $"list of {TypeOf(items)}",
            "object" when p["additionalProperties"] is JsonObject valueSchema => $"map of {TypeOf(valueSchema)}",
            "" => "any",
            _ => type,
        };
    }

    private static string Default(JsonObject p, bool required) =>
        required ? "(required)"
        : p["default"] is { } value ? $"`{Cell(value.ToJsonString(Json).ReplaceLineEndings(" "))}`"
        : "";

    private static string LimitsOf(JsonObject p)
    {
        var limits = new List<string>();
        if (p["minimum"] is { } min)
        {
            limits.Add($"{min.ToJsonString()}–{p["maximum"]?.ToJsonString()}");
        }

        if (p["maxLength"] is { } max)
        {
            limits.Add($"at most {max.ToJsonString()} characters");
        }

        if ((string?)p["pattern"] is { } pattern && (string?)p["$comment"] is null)
        {
            limits.Add($"`{pattern}`");
        }

        if ((string?)p["x-limits"] is { } words)
        {
            limits.Add(words);
        }

        return string.Join("; ", limits);
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
