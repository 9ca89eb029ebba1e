using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MonitorCore.Hosting.Configuration;

/// <summary>
/// The <c>&lt;summary&gt;</c> of a type or property, read from the XML documentation file the build writes beside each
/// assembly: the one place an option is described, in the code and in the schemas. Plain text, with <c>&lt;c&gt;</c>
/// as backticks and references by their short name; null when the member has none or the file is absent.
/// </summary>
internal static partial class XmlDocs
{
    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, XElement>> Files = new();

    public static string? Summary(Type type) => Find(type.Assembly, "T:" + Name(type));

    public static string? Summary(PropertyInfo property)
    {
        for (var type = property.DeclaringType; type is not null; type = type.BaseType)
        {
            if (type.GetProperty(property.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly) is not null
                && Find(type.Assembly, $"P:{Name(type)}.{property.Name}") is { } text)
            {
                return text;
            }
        }

        return null;
    }

    private static string Name(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    private static string? Find(Assembly assembly, string id)
    {
        var members = Files.GetOrAdd(assembly, Load);
        return members.TryGetValue(id, out var member) && member.Element("summary") is { } summary ? Text(summary) : null;
    }

    private static IReadOnlyDictionary<string, XElement> Load(Assembly assembly)
    {
        var path = string.IsNullOrEmpty(assembly.Location) ? null : Path.ChangeExtension(assembly.Location, ".xml");
        if (path is null || !File.Exists(path))
        {
            return new Dictionary<string, XElement>();
        }

        return XDocument.Load(path).Descendants("member")
            .Where(m => m.Attribute("name") is not null)
            .GroupBy(m => m.Attribute("name")!.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    private static string Text(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            text.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "c" or "code" } c => "`" + c.Value + "`",
                XElement e when e.Attribute("cref") is { } cref => ShortName(cref.Value),
                XElement e when e.Attribute("langword") is { } word => word.Value,
                XElement e when e.Attribute("name") is { } name => name.Value,
                XElement e => Text(e),
                _ => "",
            });
        }

        return Spaces().Replace(text.ToString(), " ").Trim();
    }

    private static string ShortName(string cref)
    {
        var name = cref.Split(':', 2)[^1].Split('(')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
