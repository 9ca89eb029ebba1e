using BenchmarkDotNet.Attributes;
using MonitorCore.Checks;
using MonitorCore.Monitors.Checks;

namespace MonitorCore.Benchmarks;

/// <summary>
/// The declarative checks' condition language: evaluating the conditions of an <c>http</c> check against what one
/// run measured, and parsing them (what start-up does once per condition). Each benchmark does one operation per
/// condition (<c>OperationsPerInvoke</c>), so <b>Mean is the time of one condition</b>.
/// </summary>
[MemoryDiagnoser]
public class ConditionBenchmarks
{
    /// <summary>The kinds a manifest writes: status, time with a unit, JSON paths (number, text, array length), a header, a pattern, a list.</summary>
    public static readonly string[] Texts =
    [
        "[STATUS] == 200",
        "[RESPONSE_TIME] < 500ms",
        "[BODY].status == ok",
        "[BODY].data.price > 0",
        "len([BODY].data.markets) >= 2",
        "[HEADER].content-type == pat(application/json*)",
        "[BODY].data.markets[0] == any(SOL-PERP, BTC-PERP)",
        "[CERTIFICATE_EXPIRATION] > 7d",
    ];

    private const int Repeats = 1_000;

    private readonly IReadOnlyCollection<string> placeholders = new HttpCheckOptions().Placeholders.ToArray();
    private Condition[] conditions = [];
    private CheckValues measured = new();

    [GlobalSetup]
    public void Setup()
    {
        conditions = [.. Texts.Select(t => Condition.Parse(t, placeholders))];
        measured = new CheckValues()
            .Set("STATUS", 200)
            .Set("RESPONSE_TIME", 42.5)
            .Set("CERTIFICATE_EXPIRATION", TimeSpan.FromDays(60).TotalMilliseconds)
            .SetHeader("Content-Type", "application/json; charset=utf-8")
            .SetDocument("BODY", """{"status":"ok","data":{"price":187.5,"markets":["SOL-PERP","BTC-PERP","ETH-PERP"],"volume":1234567.89}}""");
        if (conditions.Select(c => c.Evaluate(measured)).FirstOrDefault(r => !r.Success) is { } failed)
        {
            throw new InvalidOperationException($"the benchmark's conditions should all hold: {failed.Condition} was {failed.Actual}");
        }
    }

    /// <summary>Every condition of the set against one run's values (the JSON body parsed once, as a run does).</summary>
    [Benchmark(OperationsPerInvoke = Repeats * 8)]
    public int Evaluate()
    {
        var passed = 0;
        for (var r = 0; r < Repeats; r++)
        {
            foreach (var condition in conditions)
            {
                passed += condition.Evaluate(measured).Success ? 1 : 0;
            }
        }

        return passed;
    }

    /// <summary>Parsing each condition (start-up, once per condition of the manifest).</summary>
    [Benchmark(OperationsPerInvoke = Repeats * 8)]
    public int Parse()
    {
        var parsed = 0;
        for (var r = 0; r < Repeats; r++)
        {
            foreach (var text in Texts)
            {
                parsed += Condition.Parse(text, placeholders).Text.Length > 0 ? 1 : 0;
            }
        }

        return parsed;
    }
}
