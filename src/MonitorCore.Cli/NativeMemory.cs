using System.Runtime.InteropServices;

namespace MonitorCore.Cli;

/// <summary>
/// glibc gives each thread that meets contention a malloc arena of its own, up to eight per core, and keeps their
/// freed memory: a service doing SQLite work on many pool threads creeps up in resident memory for hours. Two arenas
/// keep it flat (bench/README.md, serve memory). <c>MALLOC_ARENA_MAX</c> does the same when set before start; this is
/// for the ways monitorcore starts without it (the .NET tool).
/// </summary>
internal static class NativeMemory
{
    private const int ArenaMax = -8; // M_ARENA_MAX in malloc.h

    public static void LimitArenas()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            return;
        }

        try
        {
            _ = MallOpt(ArenaMax, 2);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, say): nothing to limit.
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallOpt(int parameter, int value);
}
