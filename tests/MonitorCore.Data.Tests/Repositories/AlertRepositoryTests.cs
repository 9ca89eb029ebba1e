using MonitorCore.Alerts;
using MonitorCore.Data.Repositories;
using MonitorCore.Notifications;

namespace MonitorCore.Data.Tests.Repositories;

public abstract class AlertRepositoryTests(ITestDatabaseFactory factory) : DatabaseTestBase(factory)
{
    private static Alert New(string subject, AlertLevel level, double value) => new()
    {
        Rule = "LiquidationDistance",
        Subject = subject,
        Monitor = "liquid_monitor",
        Level = level,
        PeakLevel = level,
        Value = value,
        Threshold = 5,
        Message = $"{subject} {value} % from liquidation",
        FirstSeen = T0,
        LastSeen = T0,
        LastChanged = T0,
    };

    [Fact]
    public async Task One_apply_inserts_and_updates_many_alerts_each_with_its_own_values_and_nulls()
    {
        var repository = new AlertRepository(Database, new NotificationOutbox(Database));
        var first = (await repository.ApplyAsync(
            [.. Enumerable.Range(0, 6).Select(i => New($"p{i}", AlertLevel.Low, 9 - i))], _ => [], default)).Alerts;
        Assert.Equal(6, first.Select(a => a.Id).Distinct().Count());

        // Updates (alternately resolved and notified, so that optional values go from null to set and back) and inserts, in one call.
        var t1 = T0.AddMinutes(1);
        var changed = first.Select((a, i) => i % 2 == 0
                ? a with { State = AlertState.Resolved, ResolvedAt = t1, LastSeen = t1, LastChanged = t1, Value = 12 + i, Message = $"resolved {i}" }
                : a with { Level = AlertLevel.High, PeakLevel = AlertLevel.High, LastNotifiedAt = t1, NotifyCount = i, LastSeen = t1, Value = 4 - (i / 10.0) })
            .Concat([New("p6", AlertLevel.Medium, 7), New("p7", AlertLevel.High, 3) with { LastNotifiedAt = t1, NotifyCount = 1 }])
            .ToList();
        var (stored, notifications) = await repository.ApplyAsync(
            changed,
            alerts =>
            [
                new Notification
                {
                    Channel = "sms", Recipient = "+15550100", Subject = "s", Body = "b", Level = AlertLevel.High,
                    AlertIds = [.. alerts.Select(a => a.Id)], IdempotencyKey = "k", CreatedAt = t1, NextAttemptAt = t1,
                },
            ],
            default);

        Assert.Equal(8, stored.Count);
        Assert.Equal(stored.Select(a => a.Id), Assert.Single(notifications).AlertIds);
        for (var i = 0; i < stored.Count; i++)
        {
            var expected = i < 6 ? changed[i] with { Id = first[i].Id } : changed[i] with { Id = stored[i].Id };
            Assert.Equal(expected, await repository.GetAsync(stored[i].Id, default));
        }

        Assert.Equal(["p1", "p3", "p5", "p6", "p7"], (await repository.GetFiringAsync("liquid_monitor", null, default)).Select(a => a.Subject));
    }
}

public sealed class SqliteAlertRepositoryTests() : AlertRepositoryTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresAlertRepositoryTests(PostgresFixture postgres) : AlertRepositoryTests(new PostgresDatabaseFactory(postgres));
