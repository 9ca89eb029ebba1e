using System.Globalization;
using MonitorCore.Positions;

namespace MonitorCore.Cli.ConsoleUi;

/// <summary>A row of one of the console's tables: its key (to keep it selected across reads) and its text (to filter on).</summary>
internal interface IRow
{
    string Key { get; }

    string Text { get; }
}

internal sealed record MonitorRow(string Name, string Health, string LastStatus, string Age, string Interval, string NextRun) : IRow
{
    public string Key => Name;

    public string Text => $"{Name} {Health} {LastStatus} {Age}";
}

internal sealed record PositionRow(string Id, string Position, string Distance, string Leverage, string Pnl, string Heat, string Price) : IRow
{
    public string Key => Id;

    public string Text => $"{Position} {Distance} {Id}";
}

internal sealed record AlertRow(long Id, string Level, string Rule, string Subject, string Value, string Line, string Acknowledged, string Snoozed) : IRow
{
    public string Key => Id.ToString(CultureInfo.InvariantCulture);

    public string Text => $"{Id} {Level} {Rule} {Subject} {Acknowledged} {Snoozed}";
}

internal sealed record SnoozeRow(string Id, string What, string Left, string Reason) : IRow
{
    public string Key => Id;

    public string Text => $"{What} {Reason} {Id}";
}

internal sealed record LedgerRow(long Id, string Time, string Monitor, string Status, string Duration) : IRow
{
    public string Key => Id.ToString(CultureInfo.InvariantCulture);

    public string Text => $"{Id} {Monitor} {Status}";
}

/// <summary>The console's tables as text, from what was read and the time now (ages and countdowns move on by themselves).</summary>
internal static class Rows
{
    public static IReadOnlyList<MonitorRow> Monitors(ConsoleData data, DateTimeOffset now)
    {
        if (data.Status is not { } status)
        {
            return [];
        }

        var inCycle = data.Monitors?.Monitors.Where(m => m.InCycle).Select(m => m.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var sinceRead = (now - (data.StatusReadAt ?? now)).TotalSeconds;
        return
        [
            .. status.Monitors.Select(m =>
            {
                var cycle = inCycle.Contains(m.Name);
                double? next = cycle
                    ? status.SonicNext - sinceRead
                    : m.LastRun is { } last ? (last - now).TotalSeconds + m.IntervalSeconds : 0;
                return new MonitorRow(
                    m.Name,
                    m.Health.ToString(),
                    m.LastStatus?.ToString() ?? "-",
                    m.LastRun is { } run ? Format.Seconds(Math.Max(0, (now - run).TotalSeconds)) : "never run",
                    Format.Seconds(m.IntervalSeconds),
                    next switch { null => cycle ? "no cycle yet" : "-", <= 0 => "due", { } s => "in " + Format.Seconds(s) });
            }),
        ];
    }

    /// <summary>Nearest to liquidation first.</summary>
    public static IReadOnlyList<PositionRow> Positions(ConsoleData data) =>
    [
        .. (data.Positions?.Positions ?? []).OrderBy(p => p.LiquidationDistancePct).Select(p => new PositionRow(
            p.Id,
            $"{p.AssetType} {p.PositionType.Word()}",
            p.LiquidationDistancePct <= 0 ? "PAST LIQ" : $"{p.LiquidationDistancePct:0.00} %",
            $"{p.Leverage:0.0}x",
            Format.Money(p.PnlAfterFeesUsd ?? PnlAt(p)),
            p.HeatIndex is { } heat ? $"{heat:0.0}" : "-",
            Format.Money(p.CurrentPrice))),
    ];

    public static IReadOnlyList<AlertRow> Alerts(ConsoleData data)
    {
        var snoozed = (data.Snoozes?.Snoozes ?? []).Select(s => s.Scope).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. (data.Alerts?.Alerts ?? []).Select(a => new AlertRow(
                a.Id,
                a.Level.Word(),
                a.Rule,
                a.Subject,
                Format.Money(a.Value),
                Format.Money(a.Threshold),
                a.AcknowledgedAt is null ? "no" : "yes",
                snoozed.Contains("global") || snoozed.Contains($"monitor {a.Monitor}") || snoozed.Contains($"alert {a.Id}") ? "snoozed" : "")),
        ];
    }

    public static IReadOnlyList<SnoozeRow> Snoozes(ConsoleData data, DateTimeOffset now)
    {
        var sinceRead = (now - (data.StatusReadAt ?? now)).TotalSeconds;
        return
        [
            .. (data.Snoozes?.Snoozes ?? []).Select(s => new SnoozeRow(
                s.Id,
                s.Scope,
                s.Until is { } until ? Format.Seconds(Math.Max(0, (until - now).TotalSeconds)) : s.SecondsLeft is { } left ? Format.Seconds(left - sinceRead) : "until resolved",
                s.Reason ?? "")),
        ];
    }

    public static IReadOnlyList<LedgerRow> Ledger(ConsoleData data) =>
    [
        .. (data.Ledger?.Entries ?? []).Select(e => new LedgerRow(
            e.Id,
            e.Timestamp.ToUniversalTime().ToString("HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            e.MonitorName,
            e.Status.ToString(),
            e.DurationMs is { } ms ? $"{ms:0} ms" : "-")),
    ];

    /// <summary>
    /// The status line: what is being done now; else, while the event stream is lost, that it is lost, why, since when and
    /// that the console reconnects (the tables show what was read last); else what the console last said.
    /// </summary>
    public static string Said(ConsoleData data, DateTimeOffset now)
    {
        if (data.Busy is { } busy)
        {
            return busy[..1].ToUpperInvariant() + busy[1..];
        }

        if (data.Stream == StreamState.Lost)
        {
            var since = data.StreamLostAt is { } lost ? $" {Format.Seconds(Math.Max(0, (now - lost).TotalSeconds))} ago" : "";
            return $"Live updates lost{since} ({data.StreamProblem}); reconnecting every {RemoteConsoleClient.Reconnect.TotalSeconds:0} s, the tables show what was read last.";
        }

        return data.Message;
    }

    private static double PnlAt(Position p) =>
        p.EntryPrice <= 0 ? 0 : (p.PositionType == PositionType.Long ? 1 : -1) * (p.CurrentPrice - p.EntryPrice) / p.EntryPrice * p.Size;
}
