using System.ComponentModel.DataAnnotations;
using Acme.Plugins;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting.Tests
{
    /// <summary>Options of a monitor from another assembly and namespace (a plugin's) are checked all the way down, like the built-in ones.</summary>
    public sealed class PluginOptionsTests
    {
        [Fact]
        public void A_plugin_monitors_nested_options_are_validated_under_its_key()
        {
            var problems = TestHost.ProblemsOf(
                new Dictionary<string, string?> { ["Monitors:acme_probe:Probe:Port"] = "70000", ["Monitors:acme_probe:Name"] = "" },
                services => services.AddMonitor<Monitoring.SucceedingMonitor, AcmeOptions>("acme_probe"));

            Assert.Contains(problems, p => p.StartsWith("Monitors:acme_probe:Probe:Port:", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.StartsWith("Monitors:acme_probe:Name:", StringComparison.Ordinal));
        }

        [Fact]
        public void An_unknown_key_in_a_plugin_section_is_refused()
        {
            var problems = TestHost.ProblemsOf(
                new Dictionary<string, string?> { ["Monitors:acme_probe:Prob:Port"] = "1" },
                services => services.AddMonitor<Monitoring.SucceedingMonitor, AcmeOptions>("acme_probe"));

            Assert.Contains(problems, p => p.Contains("Prob", StringComparison.Ordinal));
        }
    }
}

namespace Acme.Plugins
{
    public sealed class AcmeOptions
    {
        [Required]
        public string Name { get; set; } = "probe";

        public ProbeOptions Probe { get; set; } = new();
    }

    public sealed class ProbeOptions
    {
        [Range(1, 65535)]
        public int Port { get; set; } = 443;
    }
}
