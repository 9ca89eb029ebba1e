using System.Text.Json;
using MonitorCore.Json;

namespace MonitorCore.Cli;

/// <summary>Machine-readable output: the product's one JSON convention (snake_case keys, enums as their words), indented.</summary>
internal static class CliJson
{
    public static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), MonitorCoreJson.Indented);

    public static void Write(TextWriter output, object value) => output.WriteLine(Serialize(value));
}
