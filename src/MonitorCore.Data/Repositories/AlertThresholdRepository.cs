using System.Data.Common;
using MonitorCore.Alerts;

namespace MonitorCore.Data.Repositories;

/// <summary><c>alert_thresholds</c>. A triple that breaks its ordering rule is refused with the rule it breaks.</summary>
internal sealed class AlertThresholdRepository(Database database) : IThresholdStore
{
    private const string Columns =
        "id, alert_type, alert_class, metric_key, condition, low, medium, high, enabled, low_notify, medium_notify, high_notify";

    public async Task<IReadOnlyList<AlertThreshold>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {Columns} FROM alert_thresholds ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AlertThreshold>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    public async Task<AlertThreshold?> GetAsync(string alertType, string alertClass, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {Columns} FROM alert_thresholds WHERE alert_type = @type AND alert_class = @class");
        command.Add("@type", alertType);
        command.Add("@class", alertClass);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Inserts or replaces the threshold of (type, class); refuses an invalid triple.</summary>
    public async Task<AlertThreshold> UpsertAsync(AlertThreshold threshold, CancellationToken cancellationToken)
    {
        if (AlertThreshold.Problem(threshold) is { } problem)
        {
            throw new ArgumentException(problem, nameof(threshold));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "INSERT INTO alert_thresholds (alert_type, alert_class, metric_key, condition, low, medium, high, enabled, low_notify, medium_notify, high_notify) " +
            "VALUES (@type, @class, @metric, @condition, @low, @medium, @high, @enabled, @low_notify, @medium_notify, @high_notify) " +
            "ON CONFLICT (alert_type, alert_class) DO UPDATE SET metric_key = excluded.metric_key, condition = excluded.condition, " +
            "low = excluded.low, medium = excluded.medium, high = excluded.high, enabled = excluded.enabled, " +
            "low_notify = excluded.low_notify, medium_notify = excluded.medium_notify, high_notify = excluded.high_notify RETURNING id");
        command.Add("@type", threshold.AlertType);
        command.Add("@class", threshold.AlertClass);
        command.Add("@metric", threshold.MetricKey);
        command.Add("@condition", threshold.Condition.Word());
        command.Add("@low", threshold.Low);
        command.Add("@medium", threshold.Medium);
        command.Add("@high", threshold.High);
        command.Add("@enabled", threshold.Enabled);
        command.Add("@low_notify", threshold.LowNotify);
        command.Add("@medium_notify", threshold.MediumNotify);
        command.Add("@high_notify", threshold.HighNotify);
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return threshold with { Id = id };
    }

    public async Task<bool> DeleteAsync(string alertType, string alertClass, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM alert_thresholds WHERE alert_type = @type AND alert_class = @class");
        command.Add("@type", alertType);
        command.Add("@class", alertClass);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static AlertThreshold Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        AlertType = reader.GetString(1),
        AlertClass = reader.GetString(2),
        MetricKey = reader.GetString(3),
        Condition = Vocabulary.Parse<ThresholdCondition>(reader.GetString(4)),
        Low = reader.GetDouble(5),
        Medium = reader.GetDouble(6),
        High = reader.GetDouble(7),
        Enabled = reader.GetBoolean(8),
        LowNotify = reader.GetNullableString(9),
        MediumNotify = reader.GetNullableString(10),
        HighNotify = reader.GetNullableString(11),
    };
}
