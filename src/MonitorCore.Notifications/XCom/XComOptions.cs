namespace MonitorCore.Notifications.XCom;

/// <summary>The <c>Monitors:xcom_monitor</c> section.</summary>
public sealed class XComOptions
{
    /// <summary>The key of the built-in delivery check; a test from <c>monitorcore xcom test</c> is recorded under it too.</summary>
    public const string Monitor = "xcom_monitor";

    /// <summary>The channel the test notification goes through.</summary>
    public string Channel { get; set; } = ChannelNames.Email;

    /// <summary>At most one test per this period: a run sooner after a successful one is Skipped (so a cron <c>run all</c> does not spam).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan Every { get; set; } = TimeSpan.FromDays(1);
}
