using MonitorCore.Data;

namespace MonitorCore.Testing;

/// <summary>A fresh, empty database for one test: a SQLite file in a temporary folder, or a new PostgreSQL database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly TempDirectory? _folder;

    public TestDatabase(string connection, TempDirectory? folder)
    {
        Connection = connection;
        _folder = folder;
        Location = DatabaseLocation.Parse(connection, folder?.Path ?? Path.GetTempPath());
    }

    /// <summary>What <c>--db</c> takes for this database.</summary>
    public string Connection { get; }

    public DatabaseLocation Location { get; }

    /// <summary>Opens the database and applies every migration.</summary>
    public async Task<Database> OpenMigratedAsync(DatabaseOptions? options = null)
    {
        var database = Database.Create(Location, options);
        await new DatabaseInitializer(database, options ?? new DatabaseOptions(), TimeProvider.System).InitializeAsync(CancellationToken.None);
        return database;
    }

    public ValueTask DisposeAsync()
    {
        DatabaseInitializer.ReleaseSqliteFiles();
        _folder?.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Makes fresh databases of one kind.</summary>
public interface ITestDatabaseFactory
{
    string Kind { get; }

    Task<TestDatabase> CreateAsync();
}

public sealed class SqliteDatabaseFactory : ITestDatabaseFactory
{
    public string Kind => "sqlite";

    public Task<TestDatabase> CreateAsync()
    {
        var folder = new TempDirectory();
        return Task.FromResult(new TestDatabase(Path.Combine(folder.Path, "monitorcore.db"), folder));
    }
}

public sealed class PostgresDatabaseFactory(PostgresFixture fixture) : ITestDatabaseFactory
{
    public string Kind => "postgres";

    public async Task<TestDatabase> CreateAsync() => new(await fixture.Server.CreateDatabaseAsync(), null);
}
