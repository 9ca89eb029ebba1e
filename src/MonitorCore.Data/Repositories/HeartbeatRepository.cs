using System.Globalization;
using MonitorCore.Heartbeat;

namespace MonitorCore.Data.Repositories;

/// <summary><c>monitor_heartbeat</c>: last run and live-tunable interval per loop.</summary>
internal sealed class HeartbeatRepository(Database database) : IHeartbeatStore
{
    public async Task<HeartbeatRow?> GetAsync(string monitorName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT monitor_name, last_run, interval_seconds FROM monitor_heartbeat WHERE monitor_name = @name");
        command.Add("@name", monitorName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        DateTimeOffset? lastRun = reader.IsDBNull(1) ? null : database.ReadTimestamp(reader, 1);
        var seconds = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
        return new HeartbeatRow(reader.GetString(0), lastRun, TimeSpan.FromSeconds(Math.Max(1, seconds)));
    }

    public async Task RecordRunAsync(string monitorName, DateTimeOffset lastRun, TimeSpan defaultInterval, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "INSERT INTO monitor_heartbeat (monitor_name, last_run, interval_seconds) VALUES (@name, @last_run, @interval) " +
            "ON CONFLICT (monitor_name) DO UPDATE SET last_run = excluded.last_run");
        command.Add("@name", monitorName);
        command.Add("@last_run", database.ToDb(lastRun));
        command.Add("@interval", Seconds(defaultInterval));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SetIntervalAsync(string monitorName, TimeSpan interval, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "INSERT INTO monitor_heartbeat (monitor_name, last_run, interval_seconds) VALUES (@name, NULL, @interval) " +
            "ON CONFLICT (monitor_name) DO UPDATE SET interval_seconds = excluded.interval_seconds");
        command.Add("@name", monitorName);
        command.Add("@interval", Seconds(interval));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static int Seconds(TimeSpan interval)
    {
        if (interval < TimeSpan.FromSeconds(1) || interval > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A heartbeat interval must be between 1 second and 1 day.");
        }

        return (int)Math.Round(interval.TotalSeconds);
    }
}
