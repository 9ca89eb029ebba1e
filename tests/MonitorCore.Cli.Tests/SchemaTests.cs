using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Configuration;

namespace MonitorCore.Cli.Tests;

/// <summary>
/// Schema-first configuration: the JSON Schemas and the reference under <c>docs/</c> are what the options types
/// generate (the drift check CI runs), and <c>config schema</c> prints, lists and writes them.
/// </summary>
public sealed class SchemaTests : IDisposable
{
    private const string Regenerate = "./monitorcore config schema --write docs";

    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    private static string Docs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MonitorCore.sln")))
            {
                return Path.Combine(dir.FullName, "docs");
            }
        }

        throw new InvalidOperationException("the repository (MonitorCore.sln) is not above the test's folder");
    }

    [Fact]
    public async Task The_committed_schemas_and_reference_are_what_the_options_generate()
    {
        var check = await new Cli(_folder.Path).RunAsync("config", "schema", "--check", Docs());

        Assert.True(check.ExitCode == 0, $"docs/schemas or docs/configuration.md is not what the code generates; run `{Regenerate}` and commit the result. {check.Error}");
        Assert.Contains("are what the code generates", check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_drift_check_fails_on_a_changed_option_and_passes_once_regenerated()
    {
        var docs = _folder.File("docs");
        CopyDirectory(Docs(), docs);
        var cli = new Cli(_folder.Path)
        {
            // A new option, as a code change (or a channel plugin) adds one.
            Services = services => services.AddConfiguredOptions<PagerOptions>("Notifications:Pager"),
        };

        var drift = await cli.RunAsync("config", "schema", "--check", "docs");

        Assert.Equal(1, drift.ExitCode);
        Assert.Contains("schemas/monitorcore.schema.json", drift.Error, StringComparison.Ordinal);
        Assert.Contains("configuration.md", drift.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("check-http", drift.Error, StringComparison.Ordinal);
        Assert.Contains(Regenerate, drift.Error, StringComparison.Ordinal);

        var written = await cli.RunAsync("config", "schema", "--write", "docs");
        Assert.Equal(0, written.ExitCode);
        Assert.Contains("wrote configuration.md, schemas/monitorcore.schema.json.", written.Out, StringComparison.Ordinal);
        Assert.Contains("| `EscalateAfter` | duration | `\"00:05:00\"` | from 00:00:01 to 01:00:00 |", File.ReadAllText(Path.Combine(docs, "configuration.md")), StringComparison.Ordinal);
        Assert.Equal(0, (await cli.RunAsync("config", "schema", "--check", "docs")).ExitCode);
        Assert.Equal(1, (await new Cli(_folder.Path).RunAsync("config", "schema", "--check", "docs")).ExitCode);
    }

    [Fact]
    public async Task Config_schema_lists_prints_and_refuses_an_unknown_name_with_the_known_ones()
    {
        var cli = new Cli(_folder.Path);

        var list = await cli.RunAsync("config", "schema", "--json");
        Assert.Equal(
            "monitorcore monitors check-http check-tcp check-command check-dns",
            string.Join(' ', list.Json["schemas"]!.AsArray().Select(s => (string?)s!["name"])));

        var http = await cli.RunAsync("config", "schema", "check-http");
        Assert.Equal(0, http.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(Docs(), "schemas", "check-http.schema.json")), http.Out);

        var unknown = await cli.RunAsync("config", "schema", "check-htp");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("There is no schema 'check-htp'; the schemas are monitorcore, monitors, check-http, check-tcp, check-command, check-dns.", unknown.Error, StringComparison.Ordinal);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public sealed class PagerOptions
    {
        [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
        public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromMinutes(5);
    }
}
