using System.Data.Common;
using MonitorCore.Health;
using MonitorCore.Heartbeat;
using MonitorCore.Notifications;
using MonitorCore.Settings;

namespace MonitorCore.Hosting.Operations;

/// <summary>One readiness check: its name, whether it passed, and why.</summary>
public sealed record ReadinessCheck(string Name, bool Ok, string Detail);

/// <summary>Whether the service can do its work: the database answers, the cycle keeps time, the outbox moves.</summary>
public sealed record Readiness(bool Ready, IReadOnlyList<ReadinessCheck> Checks);

/// <summary>The status snapshot (<c>GET /status</c>, <c>monitorcore status</c>) and readiness (<c>GET /readyz</c>).</summary>
public sealed class StatusOperations(
    StatusSnapshotBuilder snapshots,
    IHeartbeatStore heartbeats,
    INotificationOutbox outbox,
    SystemVars systemVars,
    TimeProvider time)
{
    /// <summary>The snapshot; read again from the database only when something in it changed (<see cref="StatusSnapshotBuilder.GetAsync"/>).</summary>
    public Task<StatusSnapshot> GetAsync(CancellationToken cancellationToken) => snapshots.GetAsync(cancellationToken);

    /// <summary>
    /// Ready when the database is reachable, the last sonic cycle completed less than two intervals ago
    /// (or the cycle is switched off), and no notification has been due for longer than
    /// <paramref name="outboxStuckAfter"/>.
    /// </summary>
    public async Task<Readiness> ReadinessAsync(TimeSpan outboxStuckAfter, CancellationToken cancellationToken)
    {
        StatusSnapshot snapshot;
        try
        {
            snapshot = await snapshots.BuildAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            return new Readiness(false, [new ReadinessCheck("database", false, $"the database cannot be read: {ex.Message}")]);
        }

        var now = time.GetUtcNow();
        var checks = new List<ReadinessCheck> { new("database", true, "reachable") };
        checks.Add(await CycleAsync(snapshot, now, cancellationToken));
        var due = await outbox.NextDueAsync(cancellationToken);
        checks.Add(due is { } next && now - next > outboxStuckAfter
            ? new ReadinessCheck("outbox", false, $"a notification has been due since {next:O} ({(now - next).TotalMinutes:0} min): the dispatcher is not sending")
            : new ReadinessCheck("outbox", true, due is null ? "nothing waiting" : "moving"));
        return new Readiness(checks.All(c => c.Ok), checks);
    }

    private async Task<ReadinessCheck> CycleAsync(StatusSnapshot snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        bool enabled;
        try
        {
            enabled = await systemVars.GetAsync(SystemVarKeys.EnabledSonic, cancellationToken);
        }
        catch (SystemVarFormatException)
        {
            enabled = true;
        }

        if (!enabled)
        {
            return new ReadinessCheck("cycle", true, $"switched off ({SystemVarKeys.EnabledSonic.Name})");
        }

        var interval = (await heartbeats.GetAsync(Heartbeats.Sonic, cancellationToken))?.Interval ?? Heartbeats.DefaultSonicInterval;
        if (snapshot.SonicLastComplete is not { } last)
        {
            return new ReadinessCheck("cycle", false, "no sonic cycle has completed yet");
        }

        var age = now - last;
        return age > interval * 2
            ? new ReadinessCheck("cycle", false, $"the last cycle completed {age.TotalSeconds:0} s ago, more than twice the {interval.TotalSeconds:0} s interval")
            : new ReadinessCheck("cycle", true, $"last completed {age.TotalSeconds:0} s ago");
    }
}
