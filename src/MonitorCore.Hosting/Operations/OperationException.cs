namespace MonitorCore.Hosting.Operations;

/// <summary>Why an operation refused: what the faces turn into an exit code or an HTTP status.</summary>
public enum OperationError
{
    /// <summary>The input is wrong (a bad value, a rule broken): CLI exit 2, HTTP 400.</summary>
    Invalid,

    /// <summary>What it names does not exist (an alert id, a monitor, a wallet): CLI exit 2, HTTP 404.</summary>
    NotFound,

    /// <summary>It clashes with what is stored (a wallet that exists): CLI exit 2, HTTP 409.</summary>
    Conflict,

    /// <summary>The work could not be done now (a file that cannot be read, a provider down): CLI exit 1, HTTP 503.</summary>
    Unavailable,
}

/// <summary>
/// An operation refused its input or could not do its work. The message says what was wrong and what to
/// do, in words fit for a person; <see cref="Field"/> names the input it is about, when there is one.
/// </summary>
public sealed class OperationException(OperationError error, string message, string? field = null, Exception? inner = null)
    : Exception(message, inner)
{
    public OperationError Error { get; } = error;

    /// <summary>The input the problem is about (<c>low</c>, <c>address</c>, <c>duration</c>), or null.</summary>
    public string? Field { get; } = field;

    public static OperationException Invalid(string message, string? field = null, Exception? inner = null) => new(OperationError.Invalid, message, field, inner);

    public static OperationException NotFound(string message, string? field = null) => new(OperationError.NotFound, message, field);

    public static OperationException Conflict(string message, string? field = null) => new(OperationError.Conflict, message, field);

    public static OperationException Unavailable(string message, Exception? inner = null) => new(OperationError.Unavailable, message, null, inner);

    /// <summary>An <see cref="ArgumentException"/>'s message without the " (Parameter 'x')" the runtime appends.</summary>
    public static string MessageOf(ArgumentException ex) => ex.Message.Split(" (Parameter", 2)[0];
}
