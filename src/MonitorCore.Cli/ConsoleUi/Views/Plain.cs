using System.Text;

namespace MonitorCore.Cli.ConsoleUi.Views;

/// <summary>Text shown as it is.</summary>
internal static class Plain
{
    /// <summary>
    /// No hot key: Terminal.Gui reads '_' in a view's text or title as "the next letter is a hot key" (it hides the '_' of
    /// <c>xcom_monitor</c> and would take that letter from the console's one-key actions). Every label and title here
    /// shows product words as they are.
    /// </summary>
    public static readonly Rune NoHotKey = new('\xffff');
}
