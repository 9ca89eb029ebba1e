namespace MonitorCore.Hosting.Operations;

/// <summary>Checks of free text that an operation applies before it stores it or looks anything up by it.</summary>
public static class OperationInput
{
    /// <summary>
    /// The text, or <see cref="OperationError.Invalid"/> naming <paramref name="field"/> when it holds a NUL character
    /// (U+0000): PostgreSQL stores none in text or JSON, so such a value is refused on every database alike.
    /// </summary>
    public static string? Text(string? value, string field) =>
        value is not null && value.Contains('\0', StringComparison.Ordinal)
            ? throw OperationException.Invalid($"{field} contains a NUL character (U+0000), which cannot be stored.", field)
            : value;
}
