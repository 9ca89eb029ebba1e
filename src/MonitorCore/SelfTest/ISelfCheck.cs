namespace MonitorCore.SelfTest;

/// <summary>What one self-check found: passed with a short detail, or failed with the reason.</summary>
public sealed record SelfCheckOutcome(bool Ok, string? Detail, string? Error)
{
    public static SelfCheckOutcome Pass(string? detail = null) => new(true, detail, null);

    public static SelfCheckOutcome Fail(string error) => new(false, null, error);
}

/// <summary>
/// One check of the power-on self-test (<c>operations_monitor</c>, docs/behaviour.md §5): the configuration,
/// the database, a provider reached with its credentials, a feed answering. Checks are plugins: each project
/// registers its own (<c>services.AddSingleton&lt;ISelfCheck, …&gt;()</c>), the self-test runs whatever is
/// registered. A check returns failures as an outcome; it throws only for cancellation (anything else it
/// throws is recorded as a failure naming the exception).
/// </summary>
public interface ISelfCheck
{
    /// <summary>Its name in the report, e.g. <c>smtp</c>, <c>twilio</c>, <c>coingecko</c>, <c>database</c>.</summary>
    string Name { get; }

    /// <summary>
    /// A required check (the configuration, the database, what a configured notification channel needs) failing
    /// makes the self-test an Error; an optional one (a feed, OpenAI) a Warning.
    /// </summary>
    bool Required { get; }

    /// <summary>Null when there is something to check; otherwise why not, naming the keys to set. Read at every run.</summary>
    string? NotConfiguredReason { get; }

    Task<SelfCheckOutcome> CheckAsync(CancellationToken cancellationToken);
}
