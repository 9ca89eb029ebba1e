namespace MonitorCore.Cli;

/// <summary>The command's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>A run ended in Error, or the command could not do its work.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage or bad configuration.</summary>
    public const int Usage = 2;
}
