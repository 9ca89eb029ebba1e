namespace MonitorCore.Hosting.Configuration;

/// <summary>The configuration is not usable; each problem names its key or file. Start-up stops.</summary>
public sealed class ConfigurationErrorException(IReadOnlyList<string> problems, Exception? inner = null)
    : Exception("The configuration is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)), inner)
{
    public ConfigurationErrorException(string problem, Exception? inner = null)
        : this([problem], inner)
    {
    }

    public IReadOnlyList<string> Problems { get; } = problems;
}
