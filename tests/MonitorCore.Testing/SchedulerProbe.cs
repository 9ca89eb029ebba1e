using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Hosting.Scheduling;

namespace MonitorCore.Testing;

/// <summary>Lets a test that runs a whole host (the API's, say) wait for the scheduler without reaching into it.</summary>
public static class SchedulerProbe
{
    /// <summary>Completes the next time the scheduler goes to sleep with nothing running; take it before starting the host.</summary>
    public static Task NextIdle(IServiceProvider services) => services.GetRequiredService<MonitorScheduler>().NextIdle;
}
