using System.CommandLine;
using System.Globalization;

namespace MonitorCore.Cli.Commands;

internal static class SelfTestCommand
{
    public static Command Create(CliContext context) =>
        new Command(
                "selftest",
                "Run the self-test (operations_monitor) now: the configuration, a database round trip, each configured provider reached with its " +
                "credentials (SMTP sign-in, Twilio account, Slack and webhook hosts, OpenAI models; nothing is sent) and each feed answering. " +
                "Prints each check; exit code 1 when one failed.")
            .WithAction(context, async (invocation, operations) =>
            {
                var result = await operations.SelfTest.RunAsync(invocation.CancellationToken);
                await invocation.WriteAsync(result, async r =>
                {
                    var table = new TextTable("CHECK", "RESULT", "TIME", "DETAIL");
                    foreach (var check in r.Checks)
                    {
                        table.Add(
                            check.Name + (check.Required ? "" : " (optional)"),
                            check.Ok ? "ok" : "error",
                            check.Ms.ToString("0.# 'ms'", CultureInfo.InvariantCulture),
                            (check.Ok ? check.Detail : check.Error) ?? "");
                    }

                    table.WriteTo(invocation.Out);
                    foreach (var (name, reason) in r.NotConfigured)
                    {
                        await invocation.Out.WriteLineAsync($"not configured: {name} ({reason})");
                    }

                    var said = (string?)(r.Run.Metadata["error"] ?? r.Run.Metadata["warning"]);
                    await invocation.Out.WriteLineAsync($"{r.Run.MonitorName}: {r.Run.Status}{(said is null ? "" : $": {said}")} (ledger row #{r.Run.Id})");
                });
                return result.Failed ? ExitCodes.Failed : ExitCodes.Ok;
            });
}
