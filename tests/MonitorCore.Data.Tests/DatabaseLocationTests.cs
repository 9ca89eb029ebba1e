namespace MonitorCore.Data.Tests;

public class DatabaseLocationTests
{
    [Fact]
    public void Nothing_given_is_the_default_sqlite_file_under_the_base_directory()
    {
        var location = DatabaseLocation.Parse(null, "/srv/mc");
        Assert.Equal(DatabaseProvider.Sqlite, location.Provider);
        Assert.Equal("/srv/mc/data/monitorcore.db", location.FilePath);
        Assert.Equal("/srv/mc/data/monitorcore.db", location.Display);
    }

    [Theory]
    [InlineData("other.db", "/srv/mc/other.db")]
    [InlineData("/abs/x.db", "/abs/x.db")]
    [InlineData("Data Source=rel/y.db;Cache=Shared", "/srv/mc/rel/y.db")]
    public void Paths_are_sqlite_files(string value, string expected) =>
        Assert.Equal(expected, DatabaseLocation.Parse(value, "/srv/mc").FilePath);

    [Fact]
    public void Connection_strings_and_urls_are_postgres_with_the_password_masked()
    {
        var keywords = DatabaseLocation.Parse("Host=db;Port=5433;Username=mc;Password=s3cret;Database=monitor", "/");
        Assert.Equal(DatabaseProvider.Postgres, keywords.Provider);
        Assert.DoesNotContain("s3cret", keywords.Display, StringComparison.Ordinal);
        Assert.Contains("Password=***", keywords.Display, StringComparison.Ordinal);

        var url = DatabaseLocation.Parse("postgres://mc:p%40ss@db.example:6543/monitor?sslmode=disable", "/");
        Assert.Equal(DatabaseProvider.Postgres, url.Provider);
        Assert.Contains("Host=db.example", url.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("Port=6543", url.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("Password=p@ss", url.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("SSL Mode=Disable", url.ConnectionString, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("p@ss", url.Display, StringComparison.Ordinal);

        Assert.Null(DatabaseLocation.Parse("postgresql://db/monitor", "/").FilePath);
        Assert.DoesNotContain("***", DatabaseLocation.Parse("Host=db;Database=m", "/").Display, StringComparison.Ordinal);
    }
}
