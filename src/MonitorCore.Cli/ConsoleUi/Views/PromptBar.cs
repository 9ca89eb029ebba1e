using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace MonitorCore.Cli.ConsoleUi.Views;

/// <summary>
/// The one-line prompt at the bottom (as in k9s and vim): <c>/</c> to filter, <c>:</c> for a command, and the questions
/// an action asks (how long to snooze, which channel to test). Enter answers, Esc cancels.
/// </summary>
internal sealed class PromptBar : View
{
    private readonly Label _label;
    private readonly TextField _field;
    private Action<string>? _submit;
    private Action<string>? _changed;
    private Action? _cancelled;

    public PromptBar()
    {
        Height = 1;
        Width = Dim.Fill();
        Visible = false;
        CanFocus = true;
        _label = new Label { X = 0, Y = 0, HotKeySpecifier = Plain.NoHotKey };
        _field = new TextField { X = Pos.Right(_label), Y = 0, Width = Dim.Fill() };
        _field.KeyDown += OnFieldKeyDown;
        _field.TextChanged += (_, _) => _changed?.Invoke(_field.Text);
        Add(_label, _field);
    }

    /// <summary>A question is asked now.</summary>
    public bool Active => Visible;

    public string Prompt => _label.Text;

    public string Answer => _field.Text;

    /// <summary>Asks <paramref name="prompt"/> with <paramref name="initial"/> typed in.</summary>
    /// <param name="prompt">The question, e.g. <c>/</c> or <c>snooze alert 12 for: </c>.</param>
    /// <param name="initial">The answer typed in already.</param>
    /// <param name="submit">Called with the answer on Enter.</param>
    /// <param name="changed">Called on every change (the filter applies as it is typed).</param>
    /// <param name="cancelled">Called on Esc.</param>
    public void Ask(string prompt, string initial, Action<string> submit, Action<string>? changed = null, Action? cancelled = null)
    {
        _submit = submit;
        _changed = null;
        _cancelled = cancelled;
        _label.Text = prompt;
        _field.Text = initial;
        _field.InsertionPoint = initial.Length;
        _changed = changed;
        Visible = true;
        _field.SetFocus();
    }

    /// <summary>Types into the prompt as a person would (tests).</summary>
    internal void Type(string text) => _field.Text += text;

    private void OnFieldKeyDown(object? sender, Key key)
    {
        if (key == Key.Enter)
        {
            key.Handled = true;
            var submit = _submit;
            Close();
            submit?.Invoke(_field.Text);
        }
        else if (key == Key.Esc)
        {
            key.Handled = true;
            var cancelled = _cancelled;
            Close();
            cancelled?.Invoke();
        }
    }

    private void Close()
    {
        Visible = false;
        _submit = null;
        _changed = null;
        _cancelled = null;
    }
}
