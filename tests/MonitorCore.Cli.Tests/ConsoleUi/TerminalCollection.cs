namespace MonitorCore.Cli.Tests.ConsoleUi;

/// <summary>
/// The tests that draw the console with Terminal.Gui run one at a time: Terminal.Gui keeps some state per process
/// (its configuration, the iteration rate), and each test owns a whole screen.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TerminalCollection
{
    public const string Name = "terminal";
}
