using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace MonitorCore.Cli.ConsoleUi.Views;

/// <summary>
/// A titled table of rows: the rows that match the filter, with the selected row kept (by its key) when the rows are
/// read again. Letters are not taken for type-to-search, so the console's one-key actions reach the window.
/// </summary>
internal sealed class Pane<TRow> : FrameView
    where TRow : class, IRow
{
    private readonly string _title;
    private readonly Dictionary<string, Func<TRow, object>> _columns;
    private readonly TableView _table;
    private IReadOnlyList<TRow> _shown = [];
    private int _total = -1;

    public Pane(string title, Dictionary<string, Func<TRow, object>> columns)
    {
        _title = title;
        _columns = columns;
        HotKeySpecifier = Plain.NoHotKey;
        TabStop = TabBehavior.TabStop; // Tab goes from table to table (a FrameView is a tab group: Tab would stay inside)
        Title = title;
        _table = new TableView
        {
            Width = Dim.Fill(),
            Height = Dim.Fill(),
            FullRowSelect = true,
            CollectionNavigator = null,
        };
        _table.Style.ShowHorizontalHeaderOverline = false;
        _table.Style.ShowVerticalCellLines = false;
        _table.Style.ShowVerticalHeaderLines = false;
        _table.Style.ShowHorizontalBottomLine = false;
        _table.Style.ExpandLastColumn = true;
        _table.Style.AlwaysShowHeaders = true;
        _table.Table = new EnumerableTableSource<TRow>([], _columns);
        Add(_table);
    }

    public TableView Table => _table;

    /// <summary>The rows shown, in order.</summary>
    public IReadOnlyList<TRow> Shown => _shown;

    /// <summary>The selected row, or null when none is shown.</summary>
    public TRow? Selected => _shown.Count == 0 ? null : _shown[Math.Clamp(_table.Value?.SelectedCell.Y ?? 0, 0, _shown.Count - 1)];

    /// <summary>Shows the rows that contain <paramref name="filter"/> (any case); nothing is redrawn when nothing changed.</summary>
    public void Show(IReadOnlyList<TRow> rows, string filter)
    {
        IReadOnlyList<TRow> shown = filter.Length == 0 ? rows : [.. rows.Where(r => r.Text.Contains(filter, StringComparison.OrdinalIgnoreCase))];
        if (_total == rows.Count && shown.SequenceEqual(_shown))
        {
            return;
        }

        var key = Selected?.Key;
        var row = _table.Value?.SelectedCell.Y ?? 0;
        _shown = shown;
        _total = rows.Count;
        _table.Table = new EnumerableTableSource<TRow>(shown, _columns);
        var index = key is null ? -1 : IndexOf(shown, key);
        var select = index >= 0 ? index : Math.Min(row, shown.Count - 1);
        if (select > 0)
        {
            _table.SetSelection(0, select, false);
        }

        Title = filter.Length == 0 ? $"{_title} ({shown.Count})" : $"{_title} ({shown.Count} of {rows.Count})";
    }

    private static int IndexOf(IReadOnlyList<TRow> rows, string key)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }
}
