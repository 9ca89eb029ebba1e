using BenchmarkDotNet.Running;

namespace MonitorCore.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project bench/MonitorCore.Benchmarks -- --filter '*'</c>;
    /// any BenchmarkDotNet option works (<c>--job short</c>, <c>--list flat</c>, ...).
    /// <c>-- alert-latency [--alerts N] [--warmup N] [--gap-ms N]</c> runs the latency load script instead;
    /// <c>-- api-load [--rows N] [--threads N] [--connections N] [--seconds N] [--sse-clients N] [--events N] [--gap-ms N]</c>
    /// the HTTP API under wrk and the event stream with N clients (<c>sse-clients</c> is its child process);
    /// <c>-- dashboard-load [--rows N] [--positions N] [--loads N] [--alerts N] [--gap-ms N] [--soak-minutes N] [--sample-seconds N]</c>
    /// the web dashboard in Chromium through Playwright; <c>-- check-load [--checks N] [--minutes M] [--warmup-minutes W]</c>
    /// 10,000 declarative http checks on a 60 s timer against a local server.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == AlertLatencyLoad.Command)
        {
            return await AlertLatencyLoad.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == ApiLoad.Command)
        {
            return await ApiLoad.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == DashboardLoad.Command)
        {
            return await DashboardLoad.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == CheckLoad.Command)
        {
            return await CheckLoad.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == SseClients.Command)
        {
            return await SseClients.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
