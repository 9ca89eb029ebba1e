namespace MonitorCore.Dashboard.Tests;

/// <summary>Where the tests leave what a person looks at: <c>artifacts/screenshots/</c> of the checkout (gitignored).</summary>
public static class Artifacts
{
    public static string Screenshots { get; } = Create();

    private static string Create()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "MonitorCore.sln")))
        {
            folder = folder.Parent;
        }

        var path = Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }

    public static string Screenshot(string name) => Path.Combine(Screenshots, name);
}
