using System.Collections.ObjectModel;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace MonitorCore.Cli.ConsoleUi.Views;

/// <summary>
/// A panel over the tables for text to read: the keys (<c>?</c>), a command's output (<c>:</c>). It scrolls with the
/// arrows and Page keys; Esc, q, Enter or ? close it.
/// </summary>
internal sealed class Overlay : FrameView
{
    private readonly ListView _lines;

    public Overlay()
    {
        X = Pos.Center();
        Y = Pos.Center();
        Width = Dim.Percent(85);
        Height = Dim.Percent(80);
        Visible = false;
        HotKeySpecifier = Plain.NoHotKey;
        _lines = new ListView { Width = Dim.Fill(), Height = Dim.Fill(), KeystrokeNavigator = null };
        Add(_lines);
    }

    /// <summary>The text shown.</summary>
    public string Content { get; private set; } = "";

    public void Show(string title, string text)
    {
        Title = title;
        Content = text;
        _lines.SetSource(new ObservableCollection<string>(text.TrimEnd().Replace("\r", "", StringComparison.Ordinal).Split('\n')));
        Visible = true;
        _lines.SetFocus();
    }

    public void Close() => Visible = false;
}
