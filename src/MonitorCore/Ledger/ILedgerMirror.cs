namespace MonitorCore.Ledger;

/// <summary>
/// A non-authoritative copy of ledger rows (the legacy JSON ledgers). A mirror that fails is
/// logged and never fails the run.
/// </summary>
public interface ILedgerMirror
{
    Task WriteAsync(LedgerEntry entry, CancellationToken cancellationToken);
}
