namespace MonitorCore.Testing;

/// <summary>The recorded service answers in <c>tests/TestData/fixtures</c>, copied beside the tests.</summary>
public static class Fixtures
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData", "fixtures");

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));
}
