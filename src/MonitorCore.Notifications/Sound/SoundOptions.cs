using System.ComponentModel.DataAnnotations;

namespace MonitorCore.Notifications.Sound;

/// <summary>The <c>Notifications:Sound</c> section: a local command that makes a noise.</summary>
public sealed class SoundOptions
{
    public const string Section = "Notifications:Sound";

    /// <summary>
    /// The program to run (<c>paplay</c>, <c>aplay</c>, a script). None: the terminal bell, a BEL
    /// character written to the process's standard error.
    /// </summary>
    public string? Command { get; set; }

    /// <summary>
    /// Its arguments, each passed as is (no shell). <c>{subject}</c>, <c>{body}</c> and <c>{level}</c>
    /// are replaced by the message's; do not put them inside a <c>sh -c</c> script, where the text
    /// would be read as shell.
    /// </summary>
    public List<string> Arguments { get; set; } = [];

    /// <summary>A command still running after this long is killed and the send fails.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
