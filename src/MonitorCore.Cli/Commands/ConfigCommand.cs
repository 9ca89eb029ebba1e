using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Configuration;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;

namespace MonitorCore.Cli.Commands;

internal static class ConfigCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("config", "Inspect the configuration.");
        var show = new Command(
            "show",
            "Show every setting with its effective value and where it came from (default, file, environment, command line). Secrets are masked.");
        show.WithHostAction(
            context,
            (invocation, host) =>
            {
                Show(invocation, host);
                return Task.FromResult(ExitCodes.Ok);
            },
            DatabaseStart.None);
        command.Subcommands.Add(show);
        return command;
    }

    private static void Show(Invocation invocation, MonitorCoreHost host)
    {
        var values = new SortedDictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var check in host.Services.GetServices<OptionsCheck>())
        {
            var node = JsonSerializer.SerializeToNode(check.Resolve(host.Services));
            Flatten(node, check.Section, values);
        }

        foreach (var (key, value) in host.Configuration.AsEnumerable())
        {
            if (value is not null && !values.ContainsKey(key))
            {
                values[key] = value;
            }
        }

        values["Database:Connection"] = host.Database.Location.Display;
        var settings = values.Select(pair => new
        {
            Key = pair.Key,
            Value = SecretMask.Apply(pair.Key, pair.Value),
            Source = MonitorCoreConfiguration.SourceOf(host.Configuration, pair.Key),
        }).ToList();

        if (invocation.Json)
        {
            invocation.WriteJson(new { Settings = settings });
            return;
        }

        var table = new TextTable("KEY", "VALUE", "SOURCE");
        foreach (var s in settings)
        {
            table.Add(s.Key, s.Value ?? "(none)", s.Source);
        }

        table.WriteTo(invocation.Out);
    }

    private static void Flatten(JsonNode? node, string path, IDictionary<string, string?> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    Flatten(child, $"{path}:{key}", values);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], $"{path}:{i}", values);
                }

                break;
            case JsonValue value:
                values[path] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                break;
            default:
                values[path] = null;
                break;
        }
    }
}
