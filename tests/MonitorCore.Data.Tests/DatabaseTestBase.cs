namespace MonitorCore.Data.Tests;

/// <summary>
/// A test class that runs on a fresh database of one kind. Each repository test class derives once
/// for SQLite and once for PostgreSQL, so every test runs on both.
/// </summary>
public abstract class DatabaseTestBase(ITestDatabaseFactory factory) : IAsyncLifetime
{
    private TestDatabase? _test;
    private Database? _database;

    protected string Kind => factory.Kind;

    protected TestDatabase Test => _test!;

    protected Database Database => _database!;

    protected static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        _test = await factory.CreateAsync();
        _database = await _test.OpenMigratedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_test is not null)
        {
            await _test.DisposeAsync();
        }
    }
}
