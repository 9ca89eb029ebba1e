using System.Text;
using BenchmarkDotNet.Attributes;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;

namespace MonitorCore.Benchmarks;

/// <summary>
/// A manifest (<c>config/monitors.json</c>) of <see cref="Checks"/> declarative <c>http</c> checks, each with three
/// conditions, loaded and validated as start-up does: <see cref="MonitorCoreApp.Build(HostSettings, Action{Microsoft.Extensions.DependencyInjection.IServiceCollection}, Action{Microsoft.Extensions.Hosting.IHostApplicationBuilder})"/>
/// reads the file, binds and validates every entry (its URL, its options, each condition parsed), registers one monitor
/// per entry and checks that no key is unknown, then the host is disposed. No database is touched. <b>Mean is one start-up.</b>
/// </summary>
[MemoryDiagnoser]
public class ManifestBenchmarks
{
    [Params(1_000, 10_000)]
    public int Checks { get; set; }

    private string folder = "";

    [GlobalSetup]
    public async Task Setup()
    {
        folder = Directory.CreateTempSubdirectory("monitorcore-bench-manifest-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "config"));
        File.WriteAllText(Path.Combine(folder, "config", "monitors.json"), Manifest(Checks, "http://127.0.0.1:9/ping"));
        await using var app = Build();
        var registered = app.Registry.All.Count;
        if (registered < Checks)
        {
            throw new InvalidOperationException($"{registered} monitors registered, fewer than the {Checks} checks");
        }

        Console.WriteLine($"// {registered} monitors registered ({Checks} checks)");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        Directory.Delete(folder, recursive: true);
    }

    [Benchmark]
    public async Task<int> LoadAndValidate()
    {
        await using var app = Build();
        return app.Registry.All.Count;
    }

    private MonitorCoreApp Build() =>
        MonitorCoreApp.Build(new HostSettings(folder, new Dictionary<string, string?>(), Overrides: new Dictionary<string, string?> { ["Sources:Mode"] = "Demo" }));

    /// <summary>A manifest of <paramref name="count"/> http checks on a 60 s timer against <paramref name="url"/> (numbered, so each has its own path).</summary>
    public static string Manifest(int count, string url)
    {
        var text = new StringBuilder("{\n");
        for (var i = 0; i < count; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $$"""
                  "check_{{i:D5}}": { "Type": "http", "Url": "{{url}}?n={{i}}", "Interval": "00:01:00", "Timeout": "00:00:05", "AlertLevel": "NONE",
                    "Conditions": ["[STATUS] == 200", "[RESPONSE_TIME] < 500", "[BODY].status == ok"] }{{(i < count - 1 ? "," : "")}}

                """);
        }

        return text.Append("}\n").ToString();
    }
}
